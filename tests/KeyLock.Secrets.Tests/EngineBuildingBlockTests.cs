using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

public sealed class EngineBuildingBlockTests
{
    [Fact]
    public void CharacterSet_HoldsExactlyItsRanges()
    {
        Assert.Equal(64, CharacterSet.Base64Url.Count);
        Assert.Equal(62, CharacterSet.Alphanumeric.Count);
        Assert.Equal(16, CharacterSet.LowercaseHex.Count);
        Assert.True(CharacterSet.Base64Url.Contains('_'));
        Assert.False(CharacterSet.Alphanumeric.Contains('_'));
        Assert.False(CharacterSet.Alphanumeric.Contains('\u00e9'));
        Assert.False(CharacterSet.Alphanumeric.Contains('\u0141')); // 'A' + 256: must not alias
        Assert.True(CharacterSet.Base64Url.IsSupersetOf(CharacterSet.Alphanumeric));
        Assert.False(CharacterSet.Alphanumeric.IsSupersetOf(CharacterSet.Base64Url));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("za")]
    [InlineData("a\u00ff")]
    public void CharacterSet_RejectsBadRanges(string range) =>
        Assert.Throws<ArgumentException>(() => CharacterSet.FromRanges("bad", range));

    [Fact]
    public void Layout_AllowsOnlyOneVariableSegment() =>
        Assert.Throws<ArgumentException>(() => new KeyLayout(
            KeySegment.Run(CharacterSet.Alphanumeric, 5, 6), KeySegment.Literal("_"), KeySegment.Run(CharacterSet.Alphanumeric, 1, 9)));

    [Fact]
    public void Pattern_RejectsALiteralOutsideItsCharacters() =>
        Assert.Throws<ArgumentException>(() => Pattern("t_", CharacterSet.Alphanumeric, new KeyLayout(
            KeySegment.Run(CharacterSet.Alphanumeric, 20), KeySegment.Literal("."), KeySegment.Run(CharacterSet.Alphanumeric, 20))));

    [Fact]
    public void VariableLengthSegment_TakesWhateverTheFixedOnesLeave()
    {
        // A made-up format shaped like Pinecone's: prefix + 5-6 + '_' + 20.
        var alphanumeric = CharacterSet.Alphanumeric;
        var underscoreSet = CharacterSet.FromRanges("alphanumeric and underscore", "AZ", "az", "09", "__");
        var pattern = Pattern("tk_", underscoreSet, new KeyLayout(
            KeySegment.Run(alphanumeric, 5, 6), KeySegment.Literal("_"), KeySegment.Run(alphanumeric, 20)));
        var matcher = new SecretMatcher(new[] { pattern });
        var tail = FakeKeys.RandomString(20, seed: 3);

        Assert.Single(matcher.FindAll("tk_abcde_" + tail));
        Assert.Single(matcher.FindAll("tk_abcdef_" + tail));
        Assert.Empty(matcher.FindAll("tk_abcd_" + tail));
        Assert.Empty(matcher.FindAll("tk_abcdefg_" + tail));
        Assert.Empty(matcher.FindAll("tk_abcde-" + tail));
    }

    [Fact]
    public void Validator_CanVetoALayoutMatch()
    {
        var layout = new KeyLayout(KeySegment.Run(CharacterSet.Alphanumeric, 20));
        var body = FakeKeys.RandomString(20, seed: 5);

        Assert.Single(new SecretMatcher(new[] { Pattern("tk_", CharacterSet.Alphanumeric, layout) }).FindAll("tk_" + body));
        Assert.Empty(new SecretMatcher(new[] { Pattern("tk_", CharacterSet.Alphanumeric, layout, new RejectAll()) }).FindAll("tk_" + body));
    }

    [Fact]
    public void SharedPrefixes_PreferTheLongestThatMatches()
    {
        var key = FakeKeys.OpenAIProject();

        Assert.Equal("openai-project", Assert.Single(SecretMatcher.Default.FindAll(key)).Pattern.Id);
    }

    [Fact]
    public void SharedFirstCharacter_TriesTheLongestAnchorFirstInAnyListOrder()
    {
        // Both match "tok_" + 7: the 1-character anchor with a 10-character word body, the 4-character one with 7.
        var shortAnchor = SecretPattern.Define("short-anchor", "Test", "token").Prefix("t").Body(CharacterSet.Word, 10).EnvironmentVariable("T").Build();
        var longAnchor = SecretPattern.Define("long-anchor", "Test", "token").Prefix("tok_").Body(CharacterSet.Alphanumeric, 7).EnvironmentVariable("T").Build();
        var text = "tok_" + FakeKeys.RandomString(7, seed: 11);

        Assert.Equal("short-anchor", Assert.Single(new SecretMatcher(new[] { shortAnchor }).FindAll(text)).Pattern.Id);
        Assert.Equal("long-anchor", Assert.Single(new SecretMatcher(new[] { shortAnchor, longAnchor }).FindAll(text)).Pattern.Id);
        Assert.Equal("long-anchor", Assert.Single(new SecretMatcher(new[] { longAnchor, shortAnchor }).FindAll(text)).Pattern.Id);
    }

    [Theory]
    [InlineData(74, 64, 6)]
    [InlineData(20, 62, 6)]
    [InlineData(64, 16, 8)]
    public void StreakLimit_GrowsAsTheAlphabetShrinks(int length, int alphabet, int expected) =>
        Assert.Equal(expected, PlaceholderHeuristics.StreakLimit(length, alphabet));

    [Fact]
    public void RandomRuns_DoNotLookLikePlaceholders()
    {
        for (var seed = 0; seed < 2000; seed++)
        {
            var run = FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, seed);
            Assert.False(PlaceholderHeuristics.LooksLikePlaceholder(run, 0, run.Length, CharacterSet.Base64Url), run.Substring(0, 4));
        }
    }

    private static SecretPattern Pattern(string prefix, CharacterSet characters, KeyLayout layout, ISecretValidator? validator = null) =>
        new("test-token", "Test", "token", "KL1999", SecretConfidence.High, new[] { prefix }, characters, new[] { layout }, "TEST_TOKEN", validator);

    private sealed class RejectAll : ISecretValidator
    {
        public bool IsValid(string text, int index, int length) => false;
    }
}
