using KeyLock.TestSupport;
using System.Text.RegularExpressions;
using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

/// <summary>Every catalog pattern: a generator, generated keys found with their own pattern, documented, bounded.</summary>
public sealed class CatalogCoverageTests
{
    private const int SeedsPerPattern = 40;

    public static TheoryData<string> PatternIds() => new(SecretCatalog.All.Select(p => p.Id));

    public static TheoryData<string> ChecksumPatternIds() => new(SecretCatalog.All
        .Where(p => p.Validator is Validation.Crc32Base62Validator or Validation.IdentifiableKeyValidator).Select(p => p.Id));

    [Fact]
    public void Catalog_HasAtLeastFiftyPatterns() => Assert.True(SecretCatalog.All.Count >= 50, SecretCatalog.All.Count.ToString());

    [Fact]
    public void EveryPattern_HasAGenerator_AndEveryGeneratorAPattern() =>
        Assert.Equal(SecretCatalog.All.Select(p => p.Id).OrderBy(i => i), FakeSecrets.Generators.Keys.OrderBy(i => i));

    [Fact]
    public void RuleIds_AreTheThreeHardcodedSecretRules() =>
        Assert.All(SecretCatalog.All, p => Assert.Contains(p.RuleId, new[] { "KL1001", "KL1002", "KL1003" }));

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void GeneratedSecrets_AreFoundWholeWithTheirOwnPattern(string id)
    {
        var pattern = SecretCatalog.Find(id)!;
        for (var seed = 1; seed <= SeedsPerPattern; seed++)
        {
            var secret = FakeSecrets.Generate(id, seed);
            var text = "value = \"" + secret + "\";";

            var match = Assert.Single(SecretMatcher.Default.FindAll(text, ContextFor(pattern)));

            Assert.Same(pattern, match.Pattern);
            var start = text.IndexOf(secret, StringComparison.Ordinal);
            Assert.True(match.Index >= start && match.End <= start + secret.Length, $"seed {seed}: match outside the secret");
        }
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void ContextOnlyPatterns_AreSilentWithoutContext_AndNamedByTheirVariable(string id)
    {
        var pattern = SecretCatalog.Find(id)!;
        if (!pattern.RequiresContext)
        {
            return;
        }

        var secret = FakeSecrets.Generate(id, 3);
        Assert.Empty(SecretMatcher.Default.FindAll(secret));
        Assert.Empty(SecretMatcher.Default.FindAll(secret, "Name"));
        Assert.True(pattern.IsNamedBy(pattern.EnvironmentVariable), pattern.EnvironmentVariable);
    }

    [Theory]
    [MemberData(nameof(ChecksumPatternIds))]
    public void BrokenChecksums_AreQuiet(string id)
    {
        var pattern = SecretCatalog.Find(id)!;
        var random = new Random(11);
        var broken = 0;
        for (var seed = 1; seed <= SeedsPerPattern; seed++)
        {
            var secret = FakeSecrets.Generate(id, seed);
            var randomPart = pattern.Anchors[0].IsPrefix ? (pattern.Prefixes[0].Length, 30) : (0, pattern.Anchors[0].Offset);
            var changed = FakeSecrets.BreakChar(random, secret, randomPart.Item1, randomPart.Item2);

            var matches = SecretMatcher.Default.FindAll(changed);

            Assert.DoesNotContain(matches, m => m.Pattern == pattern);
            broken++;
        }

        Assert.Equal(SeedsPerPattern, broken);
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void GluedToALetter_IsNotThisPattern(string id)
    {
        var pattern = SecretCatalog.Find(id)!;
        if (pattern.Shape is not null)
        {
            return; // shapes (PEM, URL, connection strings) are delimited by their own syntax
        }

        var secret = FakeSecrets.Generate(id, 5);
        var context = ContextFor(pattern);

        Assert.DoesNotContain(SecretMatcher.Default.FindAll("Q" + secret, context), m => m.Pattern == pattern && m.Index == 0);
        if (pattern.Layouts.All(l => l.MinLength == l.MaxLength))
        {
            Assert.DoesNotContain(SecretMatcher.Default.FindAll(secret + "Q", context), m => m.Pattern == pattern);
        }
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void TruncatedByOne_IsNotThisPattern(string id)
    {
        var pattern = SecretCatalog.Find(id)!;
        if (pattern.Shape is not null || pattern.Layouts.Any(l => l.MinLength != l.MaxLength) || pattern.RequiresCredentialPosition)
        {
            return; // a variable-length body legitimately accepts a shorter key
        }

        var secret = FakeSecrets.Generate(id, 6);
        var cut = pattern.Anchors.Count > 0 && !pattern.Anchors[0].IsPrefix && secret.EndsWith("=", StringComparison.Ordinal)
            ? secret.Remove(10, 1) // identifiable keys end in fixed padding: drop a random character instead
            : secret.Substring(0, secret.Length - 1);

        Assert.DoesNotContain(SecretMatcher.Default.FindAll(cut, ContextFor(pattern)), m => m.Pattern == pattern);
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void EveryPattern_HasARowInItsRulesPage(string id)
    {
        var pattern = SecretCatalog.Find(id)!;
        var page = File.ReadAllText(RepositoryFiles.PathOf("docs", "rules", pattern.RuleId + ".md"));

        Assert.Matches(new Regex(@"^\|.*`" + Regex.Escape(id) + @"`.*\|", RegexOptions.Multiline), page);
        Assert.Contains("`" + pattern.EnvironmentVariable + "`", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_OfContextFreePatterns_NeverHideOneAnother()
    {
        // Two patterns may share an anchor only when a shape decides between them (AccountKey=).
        var shared = SecretCatalog.All.Where(p => !p.RequiresContext)
            .SelectMany(p => p.Anchors.Select(a => (a.Text, Pattern: p)))
            .GroupBy(x => x.Text).Where(g => g.Count() > 1);

        Assert.All(shared, g => Assert.All(g, x => Assert.NotNull(x.Pattern.Shape)));
    }

    internal static string? ContextFor(SecretPattern pattern) =>
        pattern.RequiresContext ? pattern.EnvironmentVariable : pattern.RequiresCredentialPosition ? "Authorization" : null;
}
