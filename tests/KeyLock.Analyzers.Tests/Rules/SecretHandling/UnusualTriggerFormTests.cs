using KeyLock.Analyzers.Rules.SecretHandling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// The flow rules run only in methods where an operation matches their trigger (see SecretHandlingAnalyzer). A finding
/// must survive every way C# lets the trigger be written: aliases, <c>using static</c>, verbatim and escaped
/// identifiers, indexers with keys declared elsewhere, and code outside ordinary method bodies. These guard any
/// cheaper gate put in front of the trigger (a text or name check must accept all of them).
/// </summary>
public sealed class UnusualTriggerFormTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using Microsoft.Extensions.Configuration;

        """;

    [Fact]
    public Task SetEnvironmentVariable_UsingStatic_Alias_Verbatim_Escaped_Diagnostic() =>
        FlowRuleVerifier<SecretInProcessEnvironmentRule>.VerifyAsync("""
            using static System.Environment;
            using Env = System.Environment;

            class C
            {
                void A(string v) => SetEnvironmentVariable({|KL2003:"OPENAI_API_KEY"|}, v);
                void B(string v) => Env.SetEnvironmentVariable({|KL2003:"GROQ_API_KEY"|}, v);
                void D(string v) => Env.@SetEnvironmentVariable({|KL2003:"HF_TOKEN"|}, v);
                void E(string v) => Env.Set\u0045nvironmentVariable({|KL2003:"GITHUB_TOKEN"|}, v);
            }
            """);

    [Fact]
    public Task SetEnvironmentVariable_FormattingCharacterInName_Diagnostic() =>
        FlowRuleVerifier<SecretInProcessEnvironmentRule>.VerifyAsync("""
            class C
            {
                void M(string v) => System.Environment.SetEnvironment
            """ + "\u00AD" + """
            Variable({|KL2003:"OPENAI_API_KEY"|}, v);
            }
            """);

    [Fact]
    public Task SecretRead_IndexerWithKeyDeclaredElsewhere_NullConditional_Diagnostic() =>
        FlowRuleVerifier<SecretLeakedRule>.VerifyAsync(Usings + """
            static class Keys
            {
                public const string OpenAi = "OpenAI:ApiKey";
            }

            class C
            {
                private readonly IConfiguration _config = null!;

                void A() => Console.WriteLine({|KL2005:_config[Keys.OpenAi]|});
                void B(IConfiguration config) => Console.WriteLine({|KL2005:config?[Keys.OpenAi]|});
                void D() => Console.WriteLine({|KL2005:_config[nameof(Keys.OpenAi) + "ApiKey"]|});
            }
            """);

    [Fact]
    public Task SecretRead_InFieldInitializer_Lambda_LocalFunction_Diagnostic() =>
        FlowRuleVerifier<SecretLeakedRule>.VerifyAsync(Usings + """
            class C
            {
                static readonly Exception Error = new InvalidOperationException({|KL2005:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});

                Action A(IConfiguration config) => () => Console.WriteLine({|KL2005:config.GetValue<string>("Groq:ApiKey")|});

                void B(IConfiguration config)
                {
                    Show();

                    void Show() => Console.WriteLine({|KL2005:config.GetSection("Gemini:ApiKey").Value|});
                }
            }
            """);

    [Fact]
    public Task SecretRead_InPropertyInitializer_Accessor_PrimaryConstructorCapture_Diagnostic() =>
        FlowRuleVerifier<SecretLeakedRule>.VerifyAsync(Usings + """
            class C(IConfiguration config)
            {
                private readonly Exception _error = new InvalidOperationException({|KL2005:config["OpenAI:ApiKey"]|});

                public Exception Error { get; } = new InvalidOperationException({|KL2005:Environment.GetEnvironmentVariable("GROQ_API_KEY")|});

                public string Shown
                {
                    get
                    {
                        Console.WriteLine({|KL2005:config.GetValue<string>("Gemini:ApiKey")|});
                        return "";
                    }
                }
            }
            """);

    [Fact]
    public Task SecretRead_TopLevelStatements_Diagnostic()
    {
        var test = new CSharpAnalyzerTest<SecretHandlingAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using System;

                Console.WriteLine({|KL2005:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
                """,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task WholeEnvironment_ExtensionCalledAsStatic_UsingStatic_Diagnostic() =>
        FlowRuleVerifier<WholeEnvironmentExposedRule>.VerifyAsync(Usings + """
            using static System.Environment;

            class C
            {
                string A(IConfigurationRoot root) => JsonSerializer.Serialize({|KL2001:ConfigurationExtensions.AsEnumerable(root)|});
                void B() => Console.WriteLine({|KL2001:GetEnvironmentVariables()|});
            }
            """);

    [Fact]
    public Task DotEnvLoad_UsingStatic_Alias_FieldInitializer_Diagnostic() =>
        FlowRuleVerifier<SecretsInOneBlobRule>.VerifyAsync("""
            using static DotNetEnv.Env;
            using Dotenv = DotNetEnv.Env;

            class C
            {
                static readonly object Loaded = {|KL2004:Dotenv.Load()|};

                void M()
                {
                    {|KL2004:Load()|};
                    {|KL2004:TraversePath().Load()|};
                }
            }
            """);

    [Fact]
    public Task SecretBundle_KeyFromNameof_Diagnostic() =>
        FlowRuleVerifier<SecretsInOneBlobRule>.VerifyAsync(Usings + """
            class C
            {
                const string Secrets = "unused";

                Dictionary<string, string> M(IConfiguration config) =>
                    {|KL2004:JsonSerializer.Deserialize<Dictionary<string, string>>(config[nameof(Secrets)]!)|}!;
            }
            """);
}
