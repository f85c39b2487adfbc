using System.Text.RegularExpressions;

namespace KeyLock.Secrets.Tests;

/// <summary>Invariants every pattern must keep; a new pattern is covered without new tests.</summary>
public sealed class SecretCatalogTests
{
    public static IEnumerable<object[]> PatternIds() => SecretCatalog.All.Select(p => new object[] { p.Id });

    public static IEnumerable<object[]> Shapes() =>
        PatternExamples.AllShapes().Select(s => new object[] { s.Pattern.Id, s.Pattern.Layouts.ToList().IndexOf(s.Layout), s.Prefix });

    [Fact]
    public void Ids_AreUnique() =>
        Assert.Equal(SecretCatalog.All.Count, SecretCatalog.All.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Find_ReturnsThePatternOrNull()
    {
        Assert.Same(OpenAIPatterns.Admin, SecretCatalog.Find("openai-admin"));
        Assert.Null(SecretCatalog.Find("no-such-pattern"));
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void Metadata_IsComplete(string id)
    {
        var pattern = SecretCatalog.Find(id)!;

        Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)+$"), pattern.Id);
        Assert.Matches(new Regex("^KL1[0-9]{3}$"), pattern.RuleId);
        Assert.Matches(new Regex("^[A-Z][A-Z0-9_]+$"), pattern.EnvironmentVariable);
        Assert.True(char.IsLower(pattern.Label[0]) || char.IsUpper(pattern.Label[1]), "labels read mid-sentence: " + pattern.Label);
        Assert.True(pattern.Confidence != SecretConfidence.Low || pattern.RequiresCredentialPosition, "low confidence is only for credential-position patterns");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShape_GeneratesKeysThatAreFoundWithTheirOwnPattern(string id, int layoutIndex, string prefix)
    {
        var pattern = SecretCatalog.Find(id)!;
        for (var seed = 1; seed <= 50; seed++)
        {
            var key = PatternExamples.Generate(pattern, pattern.Layouts[layoutIndex], seed, prefix);

            var match = Assert.Single(SecretMatcher.Default.FindAll("\"" + key + "\""));

            Assert.Same(pattern, match.Pattern);
            Assert.Equal(prefix, match.Prefix);
            Assert.Equal(key.Length, match.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShape_MissesWhenTheBodyIsOneCharacterLonger(string id, int layoutIndex, string prefix)
    {
        var pattern = SecretCatalog.Find(id)!;
        var key = PatternExamples.Generate(pattern, pattern.Layouts[layoutIndex], seed: 7, prefix);
        if (pattern.Layouts.Any(l => l.MaxLength > key.Length - prefix.Length))
        {
            return; // a longer layout of the same pattern legitimately accepts it
        }

        Assert.Empty(SecretMatcher.Default.FindAll(key + "A"));
    }
}
