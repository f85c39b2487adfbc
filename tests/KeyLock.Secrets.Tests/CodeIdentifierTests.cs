using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

/// <summary><see cref="CodeIdentifier"/>: names that have a key's length and mix of cases, and random keys that never look like them.</summary>
public sealed class CodeIdentifierTests
{
    [Theory]
    [InlineData("timeoutInSeconds")]
    [InlineData("GetSearchResultsAsync")]
    [InlineData("AddAzureOpenAIEmbeddingGenerator")]
    [InlineData("ChatCompletionsToolCall")]
    public void CamelCaseWords_AreIdentifiers(string name) =>
        Assert.True(CodeIdentifier.IsCamelCaseWords(name, 0, name.Length));

    [Theory]
    [InlineData("timeoutInSeconds2")]
    [InlineData("Xk9fQ2mZ7pL4vB8n")]
    [InlineData("isAnInputOfAType")]
    [InlineData("abcdefghijklmnopq")]
    public void DigitsShortHumpsOrOneWord_AreNot(string text) =>
        Assert.False(CodeIdentifier.IsCamelCaseWords(text, 0, text.Length));

    [Fact]
    public void RandomKeysOf32LettersAndDigits_AreNeverIdentifiers()
    {
        // The catalog rejects identifier-shaped key bodies from 32 characters on; its bar for such a rule is one in a million.
        var identifiers = Enumerable.Range(0, 200_000)
            .Count(seed => FakeKeys.RandomString(32, FakeKeys.AlphanumericAlphabet, seed) is var key && CodeIdentifier.IsCamelCaseWords(key, 0, key.Length));

        Assert.Equal(0, identifiers);
    }
}
