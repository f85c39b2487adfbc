using static KeyLock.Analyzers.Tests.Rules.SecretHandling.FlowRuleVerifier<KeyLock.Analyzers.Rules.SecretHandling.SecretInProcessEnvironmentRule>;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

public sealed class SecretInProcessEnvironmentRuleTests
{
    private const string Usings = """
        using System;
        using Microsoft.Extensions.Configuration;

        """;

    [Theory]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("ANTHROPIC_API_KEY")]
    [InlineData("AZURE_OPENAI_KEY")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("HF_TOKEN")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("DB_PASSWORD")]
    [InlineData("OpenAI__ApiKey")]
    [InlineData("openaiApiKey")]
    public Task KeyLikeName_Diagnostic(string name) => VerifyAsync(Usings + $$"""
        class C
        {
            void M(string value) => Environment.SetEnvironmentVariable({|#0:"{{name}}"|}, value);
        }
        """,
        Diagnostic(0, $"the key-like variable '{name}'"));

    [Fact]
    public Task ConstantName_WithTarget_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            const string KeyVariable = "GROQ_API_KEY";

            void M(string key) => Environment.SetEnvironmentVariable({|KL2003:KeyVariable|}, key, EnvironmentVariableTarget.Process);
        }
        """);

    [Fact]
    public Task SecretValue_Direct_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration) =>
                Environment.SetEnvironmentVariable("LLM_CREDENTIAL_BLOB", {|#0:configuration["OpenAI:ApiKey"]|});
        }
        """,
        Diagnostic(0, "the secret read from 'OpenAI:ApiKey'"));

    [Fact]
    public Task SecretValue_ViaLocalAndHelper_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration)
            {
                var key = configuration.GetValue<string>("Groq:ApiKey");
                var trimmed = key?.Trim();
                Publish("LLM_UPSTREAM", trimmed);

                static void Publish(string name, string value) => Environment.SetEnvironmentVariable(name, {|#0:value|});
            }
        }
        """,
        Diagnostic(0, "the secret read from 'Groq:ApiKey'"));

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("MAX_TOKENS")]
    [InlineData("TOKEN_URL")]
    [InlineData("KEY_VAULT_URI")]
    [InlineData("COSMOS_PARTITION_KEY")]
    [InlineData("SIGNING_PUBLIC_KEY")]
    [InlineData("DOTNET_CLI_TELEMETRY_OPTOUT")]
    public Task OrdinaryName_NoDiagnostic(string name) => VerifyAsync(Usings + $$"""
        class C
        {
            void M(string value) => Environment.SetEnvironmentVariable("{{name}}", value);
        }
        """);

    [Fact]
    public Task ClearingAKey_AndNonSecretValues_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration)
            {
                Environment.SetEnvironmentVariable("OPENAI_API_KEY", null);
                Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", configuration["Service:Name"]);
                var region = Environment.GetEnvironmentVariable("AWS_REGION");
                Environment.SetEnvironmentVariable("REGION", region);
            }
        }
        """);
}
