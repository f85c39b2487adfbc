using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Secrets;
using KeyLock.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static KeyLock.Analyzers.Tests.Helpers.HardcodedSecretsVerifier;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>KL1004: random-looking values in credential sinks, and the look-alikes that stay quiet.</summary>
public sealed class CredentialSinkAnalyzerTests
{
    private static readonly string Secret = RandomSecrets.Alphanumeric32();
    private static readonly string Redacted = RandomSecrets.Redacted(Secret);

    /// <summary>The diagnostic a catalog pattern gets under its own rule, with the engine's redaction.</summary>
    private static DiagnosticResult KnownFormat(string patternId, string value, string before = "")
    {
        var pattern = SecretCatalog.Find(patternId)!;
        var text = before + value;
        var match = Assert.Single(SecretMatcher.Default.FindAll(text, pattern.ContextKeywords.FirstOrDefault() ?? "token"));
        var severity = pattern.RuleId == DiagnosticIds.ConnectionStringWithSecret ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        return new DiagnosticResult(pattern.RuleId, severity)
            .WithArguments(pattern.Provider, pattern.Label, Redactor.Redact(text, match), pattern.EnvironmentVariable);
    }

    [Fact]
    public Task CredentialTypes_Diagnostic() => VerifyWithStubsAsync(
        $$"""
        using System.ClientModel;
        using Azure;
        using OpenAI;

        class C
        {
            void M()
            {
                var a = new OpenAIClient(new ApiKeyCredential({|#0:"{{Secret}}"|}));
                var b = new AzureKeyCredential({|#1:"{{Secret}}"|});
                var c = new ChatClient("gpt-4o", {|#2:"{{Secret}}"|});
                new ApiKeyCredential("x").Update({|#3:"{{Secret}}"|});
                ApiKeyCredential d = {|#4:"{{Secret}}"|};
            }
        }
        """,
        KL1004("Credential", "ApiKeyCredential", Redacted, "OPENAI_API_KEY").WithLocation(0),
        KL1004("Credential", "AzureKeyCredential", Redacted, "API_KEY").WithLocation(1),
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(2),
        KL1004("Credential", "ApiKeyCredential", Redacted, "API_KEY").WithLocation(3),
        KL1004("Credential", "ApiKeyCredential", Redacted, "API_KEY").WithLocation(4));

    [Fact]
    public Task CredentialParameters_Diagnostic() => VerifyWithStubsAsync(
        $$"""
        class Kernel
        {
            public static void AddOpenAIChatCompletion(string modelId, string apiKey, string? orgId = null) { }
        }

        class MistralClient
        {
            public MistralClient(string key) { }
        }

        class C
        {
            void M()
            {
                var a = new OpenAI.OpenAIClient({|#0:"{{Secret}}"|});
                Kernel.AddOpenAIChatCompletion("gpt-4o", apiKey: {|#1:"{{Secret}}"|});
                var b = new MistralClient(key: {|#2:"{{Secret}}"|});
                var c = new System.Net.NetworkCredential("user", {|#3:"{{Secret}}"|});
            }
        }
        """,
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(0),
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(1),
        KnownFormat("mistral-api-key", Secret).WithLocation(2),
        KL1004("Parameter", "password", Redacted, "PASSWORD").WithLocation(3));

    [Fact]
    public Task Headers_Diagnostic() => VerifyAsync(
        $$"""
        using System.Net.Http;
        using System.Net.Http.Headers;

        class C
        {
            void M(HttpClient http, HttpRequestMessage request)
            {
                http.DefaultRequestHeaders.Add("x-api-key", {|#0:"{{Secret}}"|});
                http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", {|#1:"Bearer {{Secret}}"|});
                request.Headers.Add("xi-api-key", {|#2:"{{Secret}}"|});
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", {|#3:"{{Secret}}"|});
            }
        }
        """,
        KL1004("Header", "x-api-key", Redacted, "API_KEY").WithLocation(0),
        KL1004("Header", "Authorization", Redacted, "API_TOKEN").WithLocation(1),
        KL1004("Header", "xi-api-key", Redacted, "XI_API_KEY").WithLocation(2),
        KL1004("Credential", "AuthenticationHeaderValue", Redacted, "API_TOKEN").WithLocation(3));

    [Fact]
    public Task SettingsAndEnvironment_Diagnostic() => VerifyAsync(
        $$"""
        using System.Collections.Generic;

        class C
        {
            void M(Dictionary<string, string?> settings)
            {
                var a = new Dictionary<string, string?> { ["OpenAI:ApiKey"] = {|#0:"{{Secret}}"|} };
                var b = new Dictionary<string, string> { { "Mistral:ApiKey", {|#1:"{{Secret}}"|} } };
                settings["Cohere__Token"] = {|#2:"{{Secret}}"|};
                System.Environment.SetEnvironmentVariable("OPENAI_API_KEY", {|#3:"{{Secret}}"|});
            }
        }
        """,
        KL1004("Setting", "OpenAI:ApiKey", Redacted, "OPENAI_API_KEY").WithLocation(0),
        KnownFormat("mistral-api-key", Secret).WithLocation(1),
        KL1004("Setting", "Cohere__Token", Redacted, "COHERE_TOKEN").WithLocation(2),
        KL1004("Environment variable", "OPENAI_API_KEY", Redacted, "OPENAI_API_KEY").WithLocation(3));

    [Fact]
    public Task MembersAndVariables_Diagnostic() => VerifyWithStubsAsync(
        $$"""
        class Settings
        {
            public string? ClientSecret { get; set; }
        }

        class C
        {
            const string ApiKey = {|#0:"{{Secret}}"|};
            static readonly string WebhookSecret = {|#1:"{{Secret}}"|};
            public string Password { get; } = {|#2:"{{Secret}}"|};

            void M(string token = {|#3:"{{Secret}}"|})
            {
                var accessToken = {|#4:"{{Secret}}"|};
                var options = new Anthropic.AnthropicClientOptions { ApiKey = {|#5:"{{Secret}}"|} };
                var anonymous = new { ApiKey = {|#6:"{{Secret}}"|} };
                var settings = new Settings();
                settings.ClientSecret = {|#7:"{{Secret}}"|};
                var client = new OpenAI.OpenAIClient(ApiKey); // the const is reported where it is declared
            }
        }
        """,
        KL1004("Field", "ApiKey", Redacted, "API_KEY").WithLocation(0),
        KL1004("Field", "WebhookSecret", Redacted, "WEBHOOK_SECRET").WithLocation(1),
        KL1004("Property", "Password", Redacted, "PASSWORD").WithLocation(2),
        KL1004("Parameter", "token", Redacted, "API_TOKEN").WithLocation(3),
        KL1004("Variable", "accessToken", Redacted, "ACCESS_TOKEN").WithLocation(4),
        KL1004("Property", "ApiKey", Redacted, "ANTHROPIC_API_KEY").WithLocation(5),
        KL1004("Property", "ApiKey", Redacted, "API_KEY").WithLocation(6),
        KL1004("Property", "ClientSecret", Redacted, "CLIENT_SECRET").WithLocation(7));

    [Fact]
    public Task BranchesFallbacksAndFoldedConstants_Diagnostic() => VerifyAsync(
        $$"""
        class C
        {
            string M(bool production)
            {
                var apiKey = System.Environment.GetEnvironmentVariable("API_KEY") ?? {|#0:"{{Secret}}"|};
                var token = production ? {|#1:"{{Secret}}"|} : "dev";
                const string password = {|#2:"{{Secret[..10]}}" + "{{Secret[10..]}}"|};
                return apiKey + token + password;
            }
        }
        """,
        KL1004("Variable", "apiKey", Redacted, "API_KEY").WithLocation(0),
        KL1004("Variable", "token", Redacted, "API_TOKEN").WithLocation(1),
        KL1004("Variable", "password", Redacted, "PASSWORD").WithLocation(2));

    [Fact]
    public Task OtherShapes_Diagnostic() => VerifyAsync(
        $$"""
        class C
        {
            string InternalServiceKey = {|#0:"{{RandomSecrets.Hex32()}}"|};
            string AzureOpenAIKey = {|#2:"{{RandomSecrets.Hex32()}}"|}; // 32 hex digits named Azure OpenAI: the catalog's legacy key
            string GitToken = {|#1:"{{RandomSecrets.Base64Url40()}}"|};
        }
        """,
        KL1004("Field", "InternalServiceKey", RandomSecrets.Redacted(RandomSecrets.Hex32()), "INTERNAL_SERVICE_KEY").WithLocation(0),
        KL1004("Field", "GitToken", RandomSecrets.Redacted(RandomSecrets.Base64Url40()), "GIT_TOKEN").WithLocation(1),
        KnownFormat("azure-openai-legacy-key", RandomSecrets.Hex32()).WithLocation(2));

    [Fact]
    public Task KnownFormatInASink_IsKL1001Only() => VerifyWithStubsAsync($$"""
        class C
        {
            string ApiKey = "{|KL1001:{{FakeKeys.OpenAIProject()}}|}";
            OpenAI.OpenAIClient Client = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential("{|KL1001:{{FakeKeys.OpenAIAdmin()}}|}"));
        }
        """);

    [Fact]
    public Task JwtInAnAuthorizationHeader_IsReportedThere_NotInOtherStrings()
    {
        var jwt = FakeSecrets.Generate("json-web-token", 7);

        return VerifyAsync(
            $$"""
            class C
            {
                string sample = "{{jwt}}";

                void M(System.Net.Http.HttpClient http) =>
                    http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", {|#0:"Bearer {{jwt}}"|});
            }
            """,
            KnownFormat("json-web-token", jwt, "Bearer ").WithLocation(0));
    }

    [Theory]
    [InlineData("ApiKey", "\"YOUR_API_KEY_GOES_HERE_123\"")]
    [InlineData("ApiKey", "\"OPENAI_API_KEY\"")]
    [InlineData("ApiKey", "\"${OPENAI_API_KEY}\"")]
    [InlineData("ApiKey", "\"<your-api-key>\"")]
    [InlineData("ApiKey", "\"OpenAI:ApiKey\"")]
    [InlineData("ApiKey", "\"sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx\"")]
    [InlineData("ApiKey", "\"test-api-key-1234567890\"")]
    [InlineData("ApiKey", "\"MySuperSecretPassword2024\"")]
    [InlineData("ApiKey", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"")]
    [InlineData("ApiKey", "\"https://api.openai.com/v1/chat\"")]
    [InlineData("ApiKey", "\"stackTraceString\"")]
    [InlineData("ApiKey", "\"^[0-9A-Za-z_-]*$\"")]
    [InlineData("ApiKey", "@\"sk-[A-Za-z0-9]{48}\"")]
    [InlineData("ApiKey", "\"ChatCompletionsToolCall.Id\"")]
    [InlineData("ApiKey", "\"short1A\"")]
    [InlineData("ApiKey", "System.Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\")")]
    [InlineData("PublicKey", "\"RANDOM\"")]
    [InlineData("PartitionKey", "\"RANDOM\"")]
    [InlineData("CacheKey", "\"RANDOM\"")]
    [InlineData("Key", "\"RANDOM\"")]
    [InlineData("NextPageToken", "\"RANDOM\"")]
    [InlineData("Model", "\"RANDOM\"")]
    public Task NonSecretsAndNonSinks_NoDiagnostic(string name, string expression) => VerifyAsync($$"""
        class C
        {
            string? {{name}} = {{expression.Replace("RANDOM", Secret, StringComparison.Ordinal)}};
        }
        """);

    [Fact]
    public Task LookAlikeParametersAndHeaders_NoDiagnostic() => VerifyAsync($$"""
        using System.Collections.Generic;
        using System.Net.Http;

        class C
        {
            void M(HttpClient http, Dictionary<string, string> map, System.Threading.CancellationToken cancellationToken)
            {
                map.Add("{{Secret}}", "{{Secret}}");
                map.ContainsKey("{{Secret}}");
                http.DefaultRequestHeaders.Add("x-request-id", "{{Secret}}");
                http.DefaultRequestHeaders.Add("User-Agent", "{{Secret}}");
                var pair = new KeyValuePair<string, string>("{{Secret}}", "v");
            }
        }
        """);
}
