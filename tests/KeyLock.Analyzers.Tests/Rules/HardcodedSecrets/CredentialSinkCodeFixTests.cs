using KeyLock.Analyzers.Rules.HardcodedSecrets;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.CodeFixes.Rules.HardcodedSecrets;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

public sealed class CredentialSinkCodeFixTests
{
    private static readonly string Secret = RandomSecrets.Alphanumeric32();
    private static readonly string Other = RandomSecrets.Base64Url40();

    private static string Read(string variable) =>
        $"Environment.GetEnvironmentVariable(\"{variable}\") ?? throw new InvalidOperationException(\"Set the {variable} environment variable.\")";

    [Fact]
    public Task Parameter_UsesTheProviderVariable() => VerifyAsync(
        $$"""
        using System;

        class C
        {
            OpenAI.OpenAIClient client = new OpenAI.OpenAIClient({|KL1004:"{{Secret}}"|});
        }
        """,
        $$"""
        using System;

        class C
        {
            OpenAI.OpenAIClient client = new OpenAI.OpenAIClient({{Read("OPENAI_API_KEY")}});
        }
        """);

    [Fact]
    public Task ConstMember_BecomesStaticReadonly_NamedAfterTheMember() => VerifyAsync(
        $$"""
        using System;

        class C
        {
            private const string ClientSecret = {|KL1004:"{{Secret}}"|};
        }
        """,
        $$"""
        using System;

        class C
        {
            private static readonly string ClientSecret = {{Read("CLIENT_SECRET")}};
        }
        """);

    [Fact]
    public Task AuthorizationHeader_KeepsTheScheme() => VerifyAsync(
        $$"""
        using System;
        using System.Net.Http;

        class C
        {
            void M(HttpClient http) => http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", {|KL1004:"Bearer {{Secret}}"|});
        }
        """,
        $$"""
        using System;
        using System.Net.Http;

        class C
        {
            void M(HttpClient http) => http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + ({{Read("API_TOKEN")}}));
        }
        """);

    [Fact]
    public Task FixAll_ReplacesEveryValue() => VerifyAsync(
        $$"""
        using System;

        class C
        {
            string ApiKey = {|KL1004:"{{Secret}}"|};
            string Password = {|KL1004:"{{Other}}"|};
        }
        """,
        $$"""
        using System;

        class C
        {
            string ApiKey = {{Read("API_KEY")}};
            string Password = {{Read("PASSWORD")}};
        }
        """,
        test =>
        {
            test.NumberOfFixAllIterations = 1;
            test.NumberOfFixAllInDocumentIterations = 1;
        });

    [Fact]
    public Task ParameterDefault_NoFix()
    {
        var source = $$"""class C { void M(string apiKey = {|KL1004:"{{Secret}}"|}) { } }""";
        return VerifyAsync(source, source);
    }

    private static Task VerifyAsync(string source, string fixedSource, Action<CSharpCodeFixTest<HardcodedSecretLiteralAnalyzer, CredentialSinkCodeFixProvider, DefaultVerifier>>? configure = null)
    {
        var test = new CSharpCodeFixTest<HardcodedSecretLiteralAnalyzer, CredentialSinkCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
        };
        test.TestState.Sources.Add(source);
        test.TestState.Sources.Add(HardcodedSecretsVerifier.SdkStubs);
        test.FixedState.Sources.Add(fixedSource);
        test.FixedState.Sources.Add(HardcodedSecretsVerifier.SdkStubs);
        configure?.Invoke(test);
        return test.RunAsync();
    }
}
