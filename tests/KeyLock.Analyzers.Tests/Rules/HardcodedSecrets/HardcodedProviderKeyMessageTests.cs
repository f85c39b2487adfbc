using KeyLock.Analyzers.Rules.HardcodedSecrets;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Testing;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>What a build log shows: the message must help without leaking the key.</summary>
public sealed class HardcodedProviderKeyMessageTests
{
    [Fact]
    public async Task Message_ShowsTheRedactedKeyAndTheFix_NeverTheKey()
    {
        var key = FakeKeys.OpenAIProject();
        var source = $$"""
            class C
            {
                // {{key}}
                string apiKey = "{{key}}";
                string header = $"Bearer {{key}}";
            }
            """;

        var diagnostics = await DirectRun.AnalyzeAsync(new HardcodedSecretLiteralAnalyzer(), source);

        Assert.Equal(3, diagnostics.Length);
        var redacted = "sk-proj-\u2026" + key.Substring(key.Length - 4);
        foreach (var diagnostic in diagnostics)
        {
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(
                $"OpenAI project API key '{redacted}' is hardcoded; read it from configuration or a secret store instead, for example the environment variable OPENAI_API_KEY",
                message);
            Assert.DoesNotContain(key.Substring(8, 12), message, StringComparison.Ordinal);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Equal(key, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        }
    }

    [Fact]
    public async Task Properties_NameProviderPatternAndVariable_NeverTheKey()
    {
        var key = FakeKeys.OpenAIAdmin();

        var diagnostic = Assert.Single(await DirectRun.AnalyzeAsync(new HardcodedSecretLiteralAnalyzer(), $"class C {{ string k = \"{key}\"; }}"));

        Assert.Equal("OpenAI", diagnostic.Properties[DiagnosticPropertyNames.Provider]);
        Assert.Equal("openai-admin", diagnostic.Properties[DiagnosticPropertyNames.PatternId]);
        Assert.Equal("OPENAI_ADMIN_KEY", diagnostic.Properties[DiagnosticPropertyNames.EnvironmentVariable]);
        Assert.DoesNotContain(diagnostic.Properties.Values, v => v!.Contains(key.Substring(9, 12), StringComparison.Ordinal));
    }
}
