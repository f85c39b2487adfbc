using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

public sealed class OpenAIMatchTests
{
    // Test names carry the kind, never the key, so test logs stay free of key-shaped text.
    private static readonly Dictionary<string, (string Key, string PatternId)> KeysByKind = new()
    {
        ["project, 74-character halves"] = (FakeKeys.OpenAIProject(), "openai-project"),
        ["project, 58-character halves"] = (FakeKeys.OpenAIProjectShortHalves(), "openai-project"),
        ["service account"] = (FakeKeys.OpenAIServiceAccount(), "openai-service-account"),
        ["service account, sk-service- prefix"] = (FakeKeys.OpenAIServiceAlias(), "openai-service-account"),
        ["admin"] = (FakeKeys.OpenAIAdmin(), "openai-admin"),
        ["legacy user"] = (FakeKeys.OpenAILegacy(), "openai-legacy-user"),
        ["no project"] = (FakeKeys.OpenAINoProject(), "openai-no-project"),
    };

    public static TheoryData<string> Kinds() => new(KeysByKind.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WholeText_IsOneMatch(string kind)
    {
        var (key, patternId) = KeysByKind[kind];

        var match = Assert.Single(SecretMatcher.Default.FindAll(key));

        Assert.Equal(patternId, match.Pattern.Id);
        Assert.Equal(0, match.Index);
        Assert.Equal(key.Length, match.Length);
        Assert.Equal(key, match.GetValue(key));
    }

    [Theory]
    [InlineData("\"{0}\"")]
    [InlineData("OPENAI_API_KEY={0}")]
    [InlineData("  \"ApiKey\": \"{0}\",")]
    [InlineData("Authorization: Bearer {0}\n")]
    [InlineData("// old key {0}, rotated")]
    [InlineData("key='{0}';")]
    [InlineData("{0}")]
    public void KeyInContext_IsFoundAtItsOffset(string template)
    {
        var key = FakeKeys.OpenAIProject();
        var text = string.Format(template, key);

        var match = Assert.Single(SecretMatcher.Default.FindAll(text));

        Assert.Equal(text.IndexOf(key, StringComparison.Ordinal), match.Index);
        Assert.Equal(key.Length, match.Length);
    }

    [Fact]
    public void SeveralKeys_AreAllFoundInOrder()
    {
        var keys = new[] { FakeKeys.OpenAIAdmin(), FakeKeys.OpenAILegacy(), FakeKeys.OpenAIProject(), FakeKeys.OpenAINoProject() };
        var text = "a=" + string.Join(";b=", keys) + ";";

        var matches = SecretMatcher.Default.FindAll(text);

        Assert.Equal(keys, matches.Select(m => m.GetValue(text)));
        Assert.Equal(
            new[] { "openai-admin", "openai-legacy-user", "openai-project", "openai-no-project" },
            matches.Select(m => m.Pattern.Id));
    }

    [Fact]
    public void SameKeyTwice_IsFoundTwice()
    {
        var key = FakeKeys.OpenAIServiceAccount();

        var matches = SecretMatcher.Default.FindAll(key + " " + key);

        Assert.Equal(new[] { 0, key.Length + 1 }, matches.Select(m => m.Index));
    }

    [Fact]
    public void Range_IsScannedWithItsEdgesAsBoundaries()
    {
        var key = FakeKeys.OpenAILegacy();
        var text = "xx" + key + "yy";

        Assert.Empty(SecretMatcher.Default.FindAll(text));
        var match = Assert.Single(SecretMatcher.Default.FindAll(text, 2, key.Length));
        Assert.Equal(2, match.Index);
    }

    [Fact]
    public void Range_OutsideText_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretMatcher.Default.FindAll("abc", 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretMatcher.Default.FindAll("abc", -1, 1));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Pattern_NamesProviderAndEnvironmentVariable(string kind)
    {
        var pattern = Assert.Single(SecretMatcher.Default.FindAll(KeysByKind[kind].Key)).Pattern;

        Assert.Equal("OpenAI", pattern.Provider);
        Assert.Equal("KL1001", pattern.RuleId);
        Assert.Equal(kind == "admin" ? "OPENAI_ADMIN_KEY" : "OPENAI_API_KEY", pattern.EnvironmentVariable);
    }
}
