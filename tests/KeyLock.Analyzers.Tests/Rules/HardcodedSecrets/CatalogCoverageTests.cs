using System.Globalization;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Secrets;
using KeyLock.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>
/// Every catalog pattern lights up under its own rule id without analyzer changes: patterns that stand on
/// their own in any literal, context-only patterns in a member named after the provider, credential-position
/// patterns in an authorization header. The key never appears in a message or property.
/// </summary>
public sealed class CatalogCoverageTests
{
    public static TheoryData<string> PatternIds() => new(SecretCatalog.All.Select(p => p.Id));

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task EveryPattern_IsReportedUnderItsRuleId_WithoutTheKey(string patternId)
    {
        var pattern = SecretCatalog.Find(patternId)!;
        var key = FakeSecrets.Generate(patternId, 11);
        var literal = SymbolDisplay.FormatLiteral(key, quote: true);
        var member = pattern.RequiresContext ? Capitalize(pattern.ContextKeywords[0]) + "ApiKey" : "Value";
        var source = pattern.RequiresCredentialPosition
            ? $"class C {{ void M(System.Net.Http.HttpClient h) => h.DefaultRequestHeaders.TryAddWithoutValidation(\"Authorization\", \"Bearer \" + {literal}); }}"
            : $"class C {{ string {member} = {literal}; }}";

        var diagnostics = await DirectRun.AnalyzeAllAsync(HardcodedSecretsVerifier.AllAnalyzers(), source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(pattern.RuleId, diagnostic.Id);
        Assert.Equal(pattern.Id, diagnostic.Properties[DiagnosticPropertyNames.PatternId]);
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains(pattern.Provider, message, StringComparison.Ordinal);
        var hidden = key.Length > 24 ? key.Substring(key.Length / 2 - 6, 12) : key;
        Assert.DoesNotContain(hidden, message, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostic.Properties.Values, v => v!.Contains(hidden, StringComparison.Ordinal));
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
