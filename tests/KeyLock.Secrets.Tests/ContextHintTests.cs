using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

/// <summary><see cref="SecretMatcher.FindAll(string, string?)"/>: formats recognizable only by what the value is called.</summary>
public sealed class ContextHintTests
{
    [Theory]
    [InlineData("MISTRAL_API_KEY")]
    [InlineData("MistralApiKey")]
    [InlineData("Mistral:ApiKey")]
    [InlineData("mistral_key")]
    public void MistralKey_IsFoundWhenTheNameMentionsMistral(string context)
    {
        var key = FakeSecrets.Generate("mistral-api-key", 1);

        Assert.Empty(SecretMatcher.Default.FindAll(key));
        Assert.Equal("mistral-api-key", Assert.Single(SecretMatcher.Default.FindAll(key, context)).Pattern.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ApiKey")]
    [InlineData("OpenAIKey")]
    public void WithoutANamingContext_BehavesLikeFindAll(string? context)
    {
        var text = "a=" + FakeKeys.OpenAIProject() + "; b=" + FakeSecrets.Generate("mistral-api-key", 2);

        Assert.Equal(SecretMatcher.Default.FindAll(text).Select(m => (m.Pattern.Id, m.Index)), SecretMatcher.Default.FindAll(text, context).Select(m => (m.Pattern.Id, m.Index)));
    }

    [Fact]
    public void ContextMatches_AreMergedInOrder_WithoutOverlaps()
    {
        var mistral = FakeSecrets.Generate("mistral-api-key", 3);
        var groq = FakeSecrets.Generate("groq-api-key", 3);
        var text = mistral + " " + groq + " " + mistral;

        var matches = SecretMatcher.Default.FindAll(text, "MISTRAL_API_KEY");

        Assert.Equal(new[] { "mistral-api-key", "groq-api-key", "mistral-api-key" }, matches.Select(m => m.Pattern.Id));
        Assert.Equal(new[] { 0, mistral.Length + 1, mistral.Length + groq.Length + 2 }, matches.Select(m => m.Index));
    }

    [Fact]
    public void PrefixedContextPattern_NeedsItsName()
    {
        var deepSeek = FakeSecrets.Generate("deepseek-api-key", 4);

        Assert.Empty(SecretMatcher.Default.FindAll(deepSeek, "OPENAI_API_KEY"));
        Assert.Equal("deepseek-api-key", Assert.Single(SecretMatcher.Default.FindAll(deepSeek, "DeepSeek:ApiKey")).Pattern.Id);
    }

    [Theory]
    [InlineData("mistral-api-key")]
    [InlineData("deepseek-api-key")]
    [InlineData("cohere-api-key")]
    public void MatchesInSomeContext_IsTrueWhenSomeNameWouldLetTheFormatIn(string patternId)
    {
        var key = FakeSecrets.Generate(patternId, 6);

        Assert.Empty(SecretMatcher.Default.FindAll(key));
        Assert.True(SecretMatcher.Default.MatchesInSomeContext(key));
    }

    public static TheoryData<string> ContextOnlyPatternIds() => new(SecretCatalog.All.Where(p => p.RequiresContext).Select(p => p.Id));

    /// <summary>
    /// The test before any pattern scan (a run of key-body characters as long as the shortest body) must let every
    /// context-only key through wherever it sits: inside a URL or a path its neighbours are not body characters.
    /// </summary>
    [Theory]
    [MemberData(nameof(ContextOnlyPatternIds))]
    public void MatchesInSomeContext_FindsEveryContextOnlyFormat_InsidePunctuatedText(string patternId)
    {
        var key = FakeSecrets.Generate(patternId, 7);

        Assert.True(SecretMatcher.Default.MatchesInSomeContext(key));
        Assert.True(SecretMatcher.Default.MatchesInSomeContext($"https://api.example.com/v1/chat?mode=a.b&key={key}"));
        Assert.True(SecretMatcher.Default.MatchesInSomeContext($"/run/secrets/{key}/"));
    }

    [Theory]
    [InlineData("Failed to create the chat completion client for this request")]
    [InlineData("https://api.openai.com/v1/chat/completions?api-version=2024-10-21")]
    [InlineData("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService")]
    [InlineData("Microsoft.SemanticKernel.Connectors.OpenAI")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void MatchesInSomeContext_IsFalseForTextNoNameCouldTurnIntoAKey(string text) =>
        Assert.False(SecretMatcher.Default.MatchesInSomeContext(text));

    [Fact]
    public void CodeIdentifier_WithTheLengthOfAKey_IsNotAKeyEvenWithContext()
    {
        const string identifier = "AddAzureOpenAIEmbeddingGenerator"; // 32 letters, the shape of a Mistral key

        Assert.Empty(SecretMatcher.Default.FindAll(identifier, "MISTRAL_API_KEY"));
        Assert.False(SecretMatcher.Default.MatchesInSomeContext(identifier));
    }

    [Fact]
    public void HexDigestsAndGuids_StayQuietEvenWithContext()
    {
        var guidN = Guid.NewGuid().ToString("N");

        Assert.Empty(SecretMatcher.Default.FindAll(guidN, "MistralKey"));
        Assert.Empty(SecretMatcher.Default.FindAll(Guid.NewGuid().ToString(), "TwilioAuthToken"));
    }

    [Fact]
    public void RangeOverload_TreatsItsEdgesAsBoundaries()
    {
        var key = FakeSecrets.Generate("cohere-api-key", 5);
        var text = "xx" + key + "yy";

        Assert.Empty(SecretMatcher.Default.FindAll(text, "COHERE_API_KEY"));
        Assert.Equal(2, Assert.Single(SecretMatcher.Default.FindAll(text, 2, key.Length, "COHERE_API_KEY")).Index);
    }

    [Fact]
    public void NoMatchWithAContextThatNamesNothing_AllocatesNothing()
    {
        const string text = "The quick brown fox jumps over the lazy dog; disk-space and task-runner stay quiet.";
        SecretMatcher.Default.FindAll(text, "DisplayName");

        var found = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            found += SecretMatcher.Default.FindAll(text, "DisplayName").Count;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, found);
        Assert.Equal(0, allocated);
    }
}
