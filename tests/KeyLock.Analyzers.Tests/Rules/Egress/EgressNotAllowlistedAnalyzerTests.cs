using KeyLock.Analyzers.Tests.Rules.SecretHandling;
using static KeyLock.Analyzers.Tests.Rules.SecretHandling.SecretHandlingVerifier<KeyLock.Analyzers.Rules.Egress.EgressNotAllowlistedAnalyzer>;

namespace KeyLock.Analyzers.Tests.Rules.Egress;

public sealed class EgressNotAllowlistedAnalyzerTests
{
    private const string Allowlist = "keylock.egress_allow = api.openai.com, *.openai.azure.com, api.groq.com";

    private const string Calls = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using OpenAI;

        class C
        {
            async Task M(HttpClient http)
            {
                http.BaseAddress = new Uri({|#0:"https://collector.example.net/v1/"|});
                await http.GetAsync({|#1:"https://exfil.example.org/upload?x=1"|});
                await http.PostAsync({|#2:"http://203.0.113.7:8080/ingest"|}, new StringContent("{}"));
                var request = new HttpRequestMessage(HttpMethod.Get, {|#3:"https://api.openai.com.attacker.example/v1/models"|});
                await http.SendAsync(request);
                var options = new OpenAIClientOptions { Endpoint = new Uri({|#4:"https://llm-proxy.example.com/v1"|}) };

                // allowed
                await http.GetAsync("https://api.openai.com/v1/models");
                var azure = new OpenAIClientOptions { Endpoint = new Uri("https://my-resource.openai.azure.com/") };
                var groq = new Uri("https://API.GROQ.COM/openai/v1");
                await http.GetAsync("http://localhost:5000/health");
                await http.GetAsync("/relative/path");
                var data = new Uri("file:///tmp/x.json");
            }
        }
        """;

    [Fact]
    public Task NoAllowlist_RuleIsOff() => VerifyAsync(Calls.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("{|#3:", "").Replace("{|#4:", "").Replace("|}", ""));

    [Fact]
    public Task HostsNotOnTheAllowlist_Diagnostic() => VerifyAsync(
        Calls,
        Allowlist,
        Diagnostic(0, "collector.example.net"),
        Diagnostic(1, "exfil.example.org"),
        Diagnostic(2, "203.0.113.7"),
        Diagnostic(3, "api.openai.com.attacker.example"),
        Diagnostic(4, "llm-proxy.example.com"));

    [Fact]
    public Task WildcardMatchesSubdomainsOnly_Diagnostic() => VerifyAsync("""
        using System;

        class C
        {
            Uri Apex = new Uri({|#0:"https://openai.azure.com/"|});
            Uri Sub = new Uri("https://eastus.api.openai.azure.com/");
        }
        """,
        "keylock.egress_allow = *.openai.azure.com",
        Diagnostic(0, "openai.azure.com"));

    [Fact]
    public Task StringEndpointProperty_Diagnostic() => VerifyAsync("""
        class ProviderSettings
        {
            public string BaseUrl { get; set; }
            public string Name { get; set; }
        }

        class C
        {
            ProviderSettings M() => new ProviderSettings
            {
                BaseUrl = {|#0:"https://openrouter.ai/api/v1"|},
                Name = "https://not-an-endpoint.example/",
            };
        }
        """,
        "keylock.egress_allow = api.openai.com",
        Diagnostic(0, "openrouter.ai"));

    [Fact]
    public Task AllowlistWrittenWithSchemesAndPorts_NoDiagnostic() => VerifyAsync("""
        using System;

        class C
        {
            Uri A = new Uri("https://api.anthropic.com/v1/messages");
            Uri B = new Uri("https://api.mistral.ai/v1");
        }
        """,
        "keylock.egress_allow = https://api.anthropic.com/, api.mistral.ai:443");
}
