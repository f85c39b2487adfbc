using static KeyLock.Analyzers.Tests.Rules.SecretHandling.FlowRuleVerifier<KeyLock.Analyzers.Rules.SecretHandling.SecretLeakedRule>;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

public sealed partial class SecretLeakedRuleTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Linq;
        using System.Net.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;

        """;

    // ---- positives -------------------------------------------------------------------------

    [Fact]
    public Task EnvironmentKey_Direct_ToLogger_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ILogger logger) =>
                logger.LogInformation("Using key {Key}", {|#0:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
        }
        """,
        Diagnostic(0, "OPENAI_API_KEY", "logging", "ILogger.LogInformation"));

    [Fact]
    public Task ConfigurationKey_ViaLocal_ToConsole_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration)
            {
                var apiKey = configuration["OpenAI:ApiKey"];
                var shown = $"key={apiKey}";
                Console.WriteLine({|#0:shown|});
            }
        }
        """,
        Diagnostic(0, "OpenAI:ApiKey", "logging", "Console.WriteLine"));

    [Fact]
    public Task ExceptionMessage_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration)
            {
                var key = configuration.GetValue<string>("Groq:ApiKey");
                if (key is null || !key.StartsWith("gsk_"))
                {
                    throw new InvalidOperationException({|#0:"Invalid Groq key: " + key|});
                }
            }
        }
        """,
        Diagnostic(0, "Groq:ApiKey", "an exception", "new InvalidOperationException"));

    [Fact]
    public Task UrlQueryString_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            async System.Threading.Tasks.Task M(HttpClient http, IConfiguration configuration)
            {
                var key = configuration.GetSection("Gemini:ApiKey").Value;
                await http.GetAsync($"https://generativelanguage.googleapis.com/v1beta/models?key={{|#0:key|}}");
                var url = "https://example.invalid/v1/chat?model=x&api_key=" + {|#1:key|};
                await http.GetAsync(new Uri(url));
            }
        }
        """,
        Diagnostic(0, "Gemini:ApiKey", "a URL query string", "key="),
        Diagnostic(1, "Gemini:ApiKey", "a URL query string", "api_key="));

    [Fact]
    public Task HelperInTheSameMethod_AndLambda_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ILogger logger)
            {
                var token = Environment.GetEnvironmentVariable("HF_TOKEN");
                Trace(token);
                new[] { "a" }.ToList().ForEach(x => Debug.WriteLine({|KL2005:x + token|}));

                void Trace(string value) => logger.LogWarning("token {Token}", {|KL2005:value|});
            }
        }
        """);

    [Fact]
    public Task LoggerMessageMethodAndTelemetry_Diagnostic() => VerifyAsync(Usings + """
        static partial class Log
        {
            [LoggerMessage(1, LogLevel.Information, "Loaded key {Key}")]
            public static void KeyLoaded(ILogger logger, string key) { }
        }

        class C
        {
            void M(ILogger logger, Activity activity)
            {
                var key = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
                Log.KeyLoaded(logger, {|KL2005:key|});
                activity.SetTag("llm.key", {|KL2005:key|});
            }
        }
        """);

    // ---- compliant look-alikes ------------------------------------------------------------

    [Fact]
    public Task RedactedOrAbsent_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            static string Redact(string value) => value.Length <= 4 ? "…" : "…" + value[^4..];

            void M(ILogger logger, IConfiguration configuration)
            {
                var key = configuration["OpenAI:ApiKey"]
                    ?? throw new InvalidOperationException("Set OpenAI:ApiKey (user secrets or OPENAI_API_KEY).");
                logger.LogInformation("Using key {Key}", Redact(key));
                logger.LogInformation("Key prefix {Prefix}, length {Length}", key.Substring(0, 8), key.Length);
                Console.WriteLine(key is null ? "no key" : "key set");
                logger.LogInformation("Configured: {Configured}", !string.IsNullOrEmpty(key));
            }
        }
        """);

    [Fact]
    public Task KeyUsedByItsClient_AndInAHeader_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(HttpClient http)
            {
                var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                http.DefaultRequestHeaders.Add("Authorization", "Bearer " + key);
                var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                request.Headers.Add("api-key", key);
            }
        }
        """);

    [Fact]
    public Task NonSecretVariables_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ILogger logger, IConfiguration configuration, HttpClient http)
            {
                logger.LogInformation("Environment {Env}", Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"));
                var model = configuration["OpenAI:Model"];
                Console.WriteLine($"model {model}");
                http.GetAsync($"https://example.invalid/v1/models?name={model}");
                logger.LogInformation("Max tokens {Max}", configuration["OpenAI:MaxTokens"]);
            }
        }
        """);
}
