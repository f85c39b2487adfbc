using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

public sealed class RedactorTests
{
    [Fact]
    public void ProjectKey_ShowsPrefixEllipsisAndLastFour()
    {
        var key = FakeKeys.OpenAIProject();

        var redacted = Redactor.Redact(key, OpenAIPatterns.Project);

        Assert.Equal("sk-proj-\u2026" + key.Substring(key.Length - 4), redacted);
    }

    [Fact]
    public void ServiceAccountAlias_ShowsTheAliasPrefix()
    {
        var key = FakeKeys.OpenAIServiceAlias();

        Assert.StartsWith("sk-service-\u2026", Redactor.Redact(key, OpenAIPatterns.ServiceAccount), StringComparison.Ordinal);
    }

    [Fact]
    public void MatchOverload_EqualsKeyOverload()
    {
        var key = FakeKeys.OpenAIAdmin();
        var text = "token=" + key + ";";

        var match = Assert.Single(SecretMatcher.Default.FindAll(text));

        Assert.Equal(Redactor.Redact(key, match.Pattern), Redactor.Redact(text, match));
    }

    [Fact]
    public void NeverShowsMoreThanPrefixAndLastFour()
    {
        foreach (var (pattern, layout, prefix) in PatternExamples.AllShapes())
        {
            for (var seed = 1; seed <= 20; seed++)
            {
                var key = PatternExamples.Generate(pattern, layout, seed, prefix);
                var match = Assert.Single(SecretMatcher.Default.FindAll(key));

                var redacted = Redactor.Redact(key, pattern);

                var showsTail = key.Length - prefix.Length - 4 >= 16;
                Assert.Equal(prefix + Redactor.Ellipsis + (showsTail ? key.Substring(key.Length - 4) : string.Empty), redacted);
                Assert.Equal(redacted, Redactor.Redact(key, match));
            }
        }
    }

    [Theory]
    [InlineData("sk-proj-abc")]
    [InlineData("sk-proj-0123456789abcdef")]
    [InlineData("short")]
    public void ShortValues_ShowNoTail(string value)
    {
        var redacted = Redactor.Redact(value, OpenAIPatterns.Project);

        Assert.EndsWith(Redactor.Ellipsis, redacted, StringComparison.Ordinal);
        Assert.True(redacted.Length <= "sk-proj-".Length + 1);
    }

    [Fact]
    public void ValueWithoutThePatternPrefix_ShowsNoPrefix()
    {
        var value = FakeKeys.RandomString(60);

        Assert.Equal(Redactor.Ellipsis + value.Substring(56), Redactor.Redact(value, OpenAIPatterns.Project));
    }
}
