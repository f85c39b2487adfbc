using static KeyLock.Analyzers.Tests.Rules.SecretHandling.FlowRuleVerifier<KeyLock.Analyzers.Rules.SecretHandling.SecretsInOneBlobRule>;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

public sealed class SecretsInOneBlobRuleTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using DotNetEnv;
        using Microsoft.Extensions.Configuration;

        """;

    [Fact]
    public Task DotNetEnvLoad_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                {|#0:Env.Load()|};
                {|#1:Env.TraversePath().Load()|};
                {|#2:DotNetEnv.Env.NoClobber().Load(".env.local")|};
            }
        }
        """,
        Diagnostic(0, "'Env.Load' loads every entry of a .env file into the process environment"),
        Diagnostic(1, "'LoadOptions.Load' loads every entry of a .env file into the process environment"),
        Diagnostic(2, "'LoadOptions.Load' loads every entry of a .env file into the process environment"));

    [Fact]
    public Task JsonDictionary_FromOneVariable_Direct_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            Dictionary<string, string> M() =>
                {|#0:JsonSerializer.Deserialize<Dictionary<string, string>>(Environment.GetEnvironmentVariable("SECRETS")!)|}!;
        }
        """,
        Diagnostic(0, "'JsonSerializer.Deserialize' parses 'SECRETS' into a dictionary"));

    [Fact]
    public Task JsonDictionary_ViaLocals_FromConfiguration_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            IReadOnlyDictionary<string, JsonElement> M(IConfiguration configuration)
            {
                var json = configuration["Providers:ApiKeys"];
                var text = json ?? "{}";
                return {|#0:JsonSerializer.Deserialize<IReadOnlyDictionary<string, JsonElement>>(text)|}!;
            }
        }
        """,
        Diagnostic(0, "'JsonSerializer.Deserialize' parses 'Providers:ApiKeys' into a dictionary"));

    [Fact]
    public Task JsonDictionary_InHelper_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            string M()
            {
                var keys = Parse(Environment.GetEnvironmentVariable("LLM_KEYS_JSON"));
                return keys["openai"];

                static Dictionary<string, string> Parse(string json) => {|KL2004:JsonSerializer.Deserialize<Dictionary<string, string>>(json)|}!;
            }
        }
        """);

    [Fact]
    public Task OneKeyPerVariable_TypedOptions_NonSecretDictionaries_NoDiagnostic() => VerifyAsync(Usings + """
        record ProviderOptions(string Endpoint, string Model);

        class C
        {
            void M()
            {
                var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                var options = JsonSerializer.Deserialize<ProviderOptions>(Environment.GetEnvironmentVariable("OPENAI_OPTIONS")!);
                var flags = JsonSerializer.Deserialize<Dictionary<string, bool>>(Environment.GetEnvironmentVariable("FEATURE_FLAGS")!);
                var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(Environment.GetEnvironmentVariable("POD_LABELS")!);
                var local = JsonSerializer.Deserialize<Dictionary<string, string>>("{\"a\":\"b\"}");
            }
        }
        """);

    [Fact]
    public Task OtherTypeNamedEnv_NoDiagnostic() => VerifyAsync("""
        namespace MyApp
        {
            static class Env { public static void Load() { } }
            class C { void M() => Env.Load(); }
        }
        """);
}
