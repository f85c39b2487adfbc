using KeyLock.Analyzers.Detection;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Testing;

namespace KeyLock.Analyzers.Tests.Detection;

public sealed class SecretShapeTests
{
    public static TheoryData<string> Alphabets() => new()
    {
        RandomSecrets.HexAlphabet,
        "0123456789abcdefghijklmnopqrstuvwxyz",
        FakeKeys.AlphanumericAlphabet,
        FakeKeys.Base64UrlAlphabet,
        FakeKeys.AlphanumericAlphabet + "+/",
    };

    [Theory]
    [MemberData(nameof(Alphabets))]
    public void RandomValues_LookLikeSecrets(string alphabet)
    {
        foreach (var length in new[] { 20, 32, 40, 64 })
        {
            var passed = Enumerable.Range(0, 1000).Count(seed => SecretShape.LooksLikeSecret(FakeKeys.RandomString(length, alphabet, seed)));

            // At 20 characters a few random values are rejected (words or runs by chance); at 32+ nearly none.
            Assert.True(passed >= (length < 32 ? 970 : 990), $"{length} characters of '{alphabet}': {passed}/1000");
        }
    }

    [Fact]
    public void RandomValues_AreAlmostNeverTakenForCodeIdentifiers()
    {
        // About 1.7e-4 of random 16-character letters-and-digits values have the identifier shape; 20,000 seeded values.
        var identifiers = Enumerable.Range(0, 20_000)
            .Count(seed => SecretShape.Judge(FakeKeys.RandomString(16, FakeKeys.AlphanumericAlphabet, seed)) == SecretShapeVerdict.VariableOrSettingName);

        Assert.True(identifiers <= 20, $"{identifiers} of 20000 random values judged identifiers");
    }

    [Theory]
    [InlineData('.')]
    [InlineData(':')]
    public void RandomSegments_JoinedByCodePunctuation_StillLookLikeSecrets(char separator)
    {
        // JWT-like and user:password-like values: random runs are never taken for names.
        var passed = Enumerable.Range(0, 1000).Count(seed =>
            SecretShape.LooksLikeSecret(FakeKeys.RandomString(12, FakeKeys.AlphanumericAlphabet, seed) + separator + FakeKeys.RandomString(20, FakeKeys.AlphanumericAlphabet, seed + 1000)));

        Assert.True(passed >= 990, $"{passed}/1000");
    }

    [Theory]
    [InlineData("short1A", nameof(SecretShapeVerdict.TooShort))]
    [InlineData("has a space in it 12345 Abc", nameof(SecretShapeVerdict.Whitespace))]
    [InlineData("${OPENAI_API_KEY_FROM_ENV}", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("{{openai_api_key_value}}", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("<insert-key-here-1234>", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("%OPENAI_API_KEY_VALUE%", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("your-api-key-8Xq2ZpL0", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("sk-xxxxxxxxxxxxxxxxxxxx", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("dummy-9f8e7d6c5b4a3210", nameof(SecretShapeVerdict.Placeholder))]
    [InlineData("AZURE_OPENAI_API_KEY", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("AzureOpenAI:ApiKey:Primary", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("OpenAI__ApiKey__Value", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("timeoutInSeconds", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("stackTraceString", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("GetSearchResultsAsync", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("AddAzureOpenAIEmbeddingGenerator", nameof(SecretShapeVerdict.VariableOrSettingName))]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", nameof(SecretShapeVerdict.Guid))]
    [InlineData("{3F2504E0-4F89-11D3-9A0C-0305E82C3301}", nameof(SecretShapeVerdict.Guid))]
    [InlineData("https://api.openai.com/v1", nameof(SecretShapeVerdict.UrlOrPath))]
    [InlineData("C:\\keys\\openai\\prod.txt", nameof(SecretShapeVerdict.UrlOrPath))]
    [InlineData("/etc/secrets/openai-key", nameof(SecretShapeVerdict.UrlOrPath))]
    [InlineData("^[0-9A-Za-z_-]*$", nameof(SecretShapeVerdict.RegularExpression))]
    [InlineData("sk-[A-Za-z0-9]{48}", nameof(SecretShapeVerdict.RegularExpression))]
    [InlineData("(?:sk|pk)_Xy7kQ2mZp9Tq", nameof(SecretShapeVerdict.RegularExpression))]
    [InlineData("token=.+Xy7kQ2mZp9Tq", nameof(SecretShapeVerdict.RegularExpression))]
    [InlineData("ChatCompletionsToolCall.Id", nameof(SecretShapeVerdict.CodeReference))]
    [InlineData("IL3050:RequiresDynamicCode", nameof(SecretShapeVerdict.CodeReference))]
    [InlineData("{DebuggerDisplay,nq}", nameof(SecretShapeVerdict.CodeReference))]
    [InlineData("abcdefghijklmnopqrstuvwxyz", nameof(SecretShapeVerdict.FewCharacterClasses))]
    [InlineData("12345678901234567890", nameof(SecretShapeVerdict.FewCharacterClasses))]
    [InlineData("Password123456789", nameof(SecretShapeVerdict.Sequence))]
    [InlineData("aaaaaaaaaaaaaaaaaaaaB1", nameof(SecretShapeVerdict.Sequence))]
    [InlineData("hunter2hunter2hunter2", nameof(SecretShapeVerdict.LowEntropy))]
    [InlineData("2024-01-01T00:00:00Z", nameof(SecretShapeVerdict.LowEntropy))]
    [InlineData("MySecretPassword2024!", nameof(SecretShapeVerdict.Words))]
    [InlineData("text-embedding-3-large", nameof(SecretShapeVerdict.Words))]
    public void NonSecrets_AreRejectedForTheRightReason(string value, string expected) =>
        Assert.Equal(expected, SecretShape.Judge(value).ToString());

    [Fact]
    public void TooLong_IsNotJudged() =>
        Assert.Equal(nameof(SecretShapeVerdict.TooLong), SecretShape.Judge(FakeKeys.RandomString(SecretShape.MaximumLength + 1)).ToString());

    [Theory]
    [InlineData("Bearer abc", "abc", 7)]
    [InlineData("Basic   abc", "abc", 8)]
    [InlineData("abc", "abc", 0)]
    [InlineData("not-a-scheme abc", "not-a-scheme abc", 0)]
    public void StripAuthScheme_SkipsTheSchemeWord(string value, string expected, int skipped)
    {
        Assert.Equal(expected, SecretShape.StripAuthScheme(value, out var schemeLength));
        Assert.Equal(skipped, schemeLength);
    }

    [Fact]
    public void Entropy_IsBitsPerCharacter()
    {
        Assert.Equal(0, SecretShape.Entropy("aaaa"));
        Assert.Equal(2, SecretShape.Entropy("abcd"), 6);
        Assert.Equal(1, SecretShape.Entropy("abab"), 6);
    }
}
