using KeyLock.Analyzers.Detection;

namespace KeyLock.Analyzers.Tests.Detection;

public sealed class CredentialNamesTests
{
    [Theory]
    [InlineData("ApiKey")]
    [InlineData("apiKey")]
    [InlineData("api_key")]
    [InlineData("APIKEY")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("OpenAI:ApiKey")]
    [InlineData("OpenAI__ApiKey")]
    [InlineData("x-api-key")]
    [InlineData("xi-api-key")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    [InlineData("Authorization")]
    [InlineData("ClientSecret")]
    [InlineData("client_secret")]
    [InlineData("Password")]
    [InlineData("DbPwd")]
    [InlineData("AccessToken")]
    [InlineData("token")]
    [InlineData("HF_TOKEN")]
    [InlineData("AccountKey")]
    [InlineData("Credentials")]
    public void CredentialNames_Match(string name) => Assert.True(CredentialNames.IsCredentialName(name));

    [Theory]
    [InlineData("Key")]
    [InlineData("PublicKey")]
    [InlineData("PartitionKey")]
    [InlineData("CacheKey")]
    [InlineData("RowKey")]
    [InlineData("CancellationToken")]
    [InlineData("MaxTokens")]
    [InlineData("NextPageToken")]
    [InlineData("ContinuationToken")]
    [InlineData("Tokenizer")]
    [InlineData("SecretName")]
    [InlineData("KeyVaultUri")]
    [InlineData("IsSecret")]
    [InlineData("Model")]
    [InlineData("")]
    public void LookAlikes_DoNotMatch(string name) => Assert.False(CredentialNames.IsCredentialName(name));

    [Fact]
    public void BareKey_MatchesOnlyWhereAllowed()
    {
        Assert.True(CredentialNames.IsCredentialName("key", allowBareKey: true));
        Assert.False(CredentialNames.IsCredentialName("key", allowBareKey: false));
    }

    [Theory]
    [InlineData("ApiKey", "API_KEY")]
    [InlineData("apiKey", "API_KEY")]
    [InlineData("OpenAI:ApiKey", "OPENAI_API_KEY")]
    [InlineData("OpenAIKey", "OPENAI_KEY")]
    [InlineData("x-api-key", "API_KEY")]
    [InlineData("OPENAI_API_KEY", "OPENAI_API_KEY")]
    [InlineData("Authorization", "API_TOKEN")]
    [InlineData("key", "API_KEY")]
    [InlineData("ClientSecret", "CLIENT_SECRET")]
    public void EnvironmentVariable_IsDerivedFromTheName(string name, string expected) =>
        Assert.Equal(expected, CredentialNames.ToEnvironmentVariable(name));
}
