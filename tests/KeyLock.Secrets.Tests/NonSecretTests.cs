using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

/// <summary>Values that look like keys at a glance but must stay quiet, each with the reason.</summary>
public sealed class NonSecretTests
{
    private static readonly string Marker = FakeKeys.OpenAIMarker;

    // Theories take the reason, never the text, so test logs stay free of key-shaped text.
    private static readonly Dictionary<string, string> WrongLengths = new()
    {
        ["project: first half 73"] = Shaped("sk-" + "proj-", FakeKeys.RandomString(73, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 2)),
        ["project: first half 75"] = Shaped("sk-" + "proj-", FakeKeys.RandomString(75, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 2)),
        ["project: second half 73"] = Shaped("sk-" + "proj-", FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(73, FakeKeys.Base64UrlAlphabet, 2)),
        ["project: second half 75"] = Shaped("sk-" + "proj-", FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(75, FakeKeys.Base64UrlAlphabet, 2)),
        ["project: mixed halves 74/58"] = Shaped("sk-" + "proj-", FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(58, FakeKeys.Base64UrlAlphabet, 2)),
        ["admin: 74-character halves"] = Shaped("sk-" + "admin-", FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(74, FakeKeys.Base64UrlAlphabet, 2)),
        ["admin: second half 57"] = Shaped("sk-" + "admin-", FakeKeys.RandomString(58, FakeKeys.Base64UrlAlphabet, 1), FakeKeys.RandomString(57, FakeKeys.Base64UrlAlphabet, 2)),
        ["legacy: halves 19/20"] = Shaped("sk" + "-", FakeKeys.RandomString(19, seed: 1), FakeKeys.RandomString(20, seed: 2)),
        ["legacy: halves 20/21"] = Shaped("sk" + "-", FakeKeys.RandomString(20, seed: 1), FakeKeys.RandomString(21, seed: 2)),
        ["no project: 47"] = "sk-" + "None-" + FakeKeys.RandomString(47, seed: 3),
        ["no project: 49"] = "sk-" + "None-" + FakeKeys.RandomString(49, seed: 3),
    };

    private static readonly Dictionary<string, string> PlaceholderBodies = new()
    {
        ["all x"] = Shaped("sk-" + "proj-", new string('x', 74), new string('x', 74)),
        ["all zero"] = Shaped("sk-" + "admin-", new string('0', 58), new string('0', 58)),
        ["sequential"] = Shaped("sk-" + "proj-", Cycle("0123456789", 74), Cycle("abcdefghijklmnopqrstuvwxyz", 74)),
        ["short cycle"] = Shaped("sk-" + "svcacct-", Cycle("ab1", 74), Cycle("ab1", 74)),
        ["legacy all X"] = Shaped("sk" + "-", new string('X', 20), new string('X', 20)),
        ["no-project repeated"] = "sk-" + "None-" + Cycle("abcd", 48),
        ["placeholder word"] = Shaped("sk-" + "proj-", FakeKeys.RandomString(67, seed: 8) + "EXAMPLE", FakeKeys.RandomString(74, seed: 9)),
        ["your api key"] = "sk-" + "None-" + FakeKeys.RandomString(36, seed: 10) + "YOUR_API_KEY".Replace("_", "") + "ab",
    };

    [Theory]
    [InlineData("")]
    [InlineData("sk-...")]
    [InlineData("sk-proj-...")]
    [InlineData("sk-proj-xxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("YOUR_API_KEY")]
    [InlineData("<OPENAI_API_KEY>")]
    [InlineData("${OPENAI_API_KEY}")]
    [InlineData("%OPENAI_API_KEY%")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("sk-your-key-here")]
    [InlineData("Ask-proj-me anything")]
    [InlineData("The task-runner's disk-space check")]
    public void Placeholders_AndProse_AreQuiet(string text) => Assert.Empty(SecretMatcher.Default.FindAll(text));

    public static TheoryData<string> PlaceholderReasons() => new(PlaceholderBodies.Keys);

    [Theory]
    [MemberData(nameof(PlaceholderReasons))]
    public void PlaceholderBodies_WithTheRightShape_AreQuiet(string reason) =>
        Assert.Empty(SecretMatcher.Default.FindAll(PlaceholderBodies[reason]));

    [Fact]
    public void WrongMarker_IsQuiet()
    {
        var key = FakeKeys.OpenAIProject();
        var wrong = Marker.Substring(0, 7) + (Marker[7] == 'J' ? 'K' : 'J');

        Assert.Empty(SecretMatcher.Default.FindAll(key.Replace(Marker, wrong)));
    }

    [Fact]
    public void MarkerInTheWrongPlace_IsQuiet()
    {
        var key = FakeKeys.OpenAIProject();
        var markerAt = key.IndexOf(Marker, StringComparison.Ordinal);
        var moved = key.Remove(markerAt, Marker.Length).Insert(markerAt + 1, Marker);

        Assert.Empty(SecretMatcher.Default.FindAll(moved));
    }

    public static TheoryData<string> WrongLengthCases() => new(WrongLengths.Keys);

    [Theory]
    [MemberData(nameof(WrongLengthCases))]
    public void WrongLengths_AreQuiet(string reason) =>
        Assert.Empty(SecretMatcher.Default.FindAll(WrongLengths[reason]));

    [Theory]
    [InlineData("x")]
    [InlineData("_")]
    [InlineData("-")]
    [InlineData("9")]
    public void KeyGluedToAPrecedingBodyCharacter_IsQuiet(string before) =>
        Assert.Empty(SecretMatcher.Default.FindAll(before + FakeKeys.OpenAIProject()));

    [Theory]
    [InlineData("x")]
    [InlineData("_")]
    [InlineData("-")]
    [InlineData("9")]
    public void KeyGluedToAFollowingBodyCharacter_IsQuiet(string after) =>
        Assert.Empty(SecretMatcher.Default.FindAll(FakeKeys.OpenAIProject() + after));

    [Theory]
    [InlineData(".")]
    [InlineData("\"")]
    [InlineData("/")]
    [InlineData("=")]
    [InlineData("\u00e9")]
    public void KeyNextToANonBodyCharacter_IsFound(string neighbour) =>
        Assert.Single(SecretMatcher.Default.FindAll(neighbour + FakeKeys.OpenAIProject() + neighbour));

    [Fact]
    public void LegacyKey_WithANonAlphanumericInTheBody_IsQuiet()
    {
        var key = FakeKeys.OpenAILegacy();
        var broken = key.Substring(0, 10) + "_" + key.Substring(11);

        Assert.Empty(SecretMatcher.Default.FindAll(broken));
    }

    [Theory]
    [InlineData("SK-")]
    [InlineData("sk_")]
    [InlineData("sk-Proj-")]
    public void PrefixWithTheWrongCaseOrSeparator_IsQuiet(string prefix)
    {
        var key = FakeKeys.OpenAIProject();

        Assert.Empty(SecretMatcher.Default.FindAll(prefix + key.Substring("sk-proj-".Length)));
    }

    private static string Shaped(string prefix, string first, string second) => prefix + first + Marker + second;

    private static string Cycle(string unit, int length) =>
        string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1)).Substring(0, length);
}
