using System.Collections.Generic;
using KeyLock.Secrets.Validation;

namespace KeyLock.Secrets;

/// <summary>
/// Keys of AI model and tooling providers other than OpenAI (see <see cref="OpenAIPatterns"/>) and the
/// Azure and AWS services (<see cref="AzurePatterns"/>, <see cref="CloudPatterns"/>). Formats follow
/// the public rules of gitleaks, trufflehog, secretlint and betterleaks; where they disagree the
/// stricter shape that all real keys share is used. Formats without a prefix are context-only.
/// </summary>
public static class AIProviderPatterns
{
    private static readonly CharacterSet Alphanumeric = CharacterSet.Alphanumeric;
    private static readonly CharacterSet Base64Url = CharacterSet.Base64Url;
    private static readonly CharacterSet Hex = CharacterSet.LowercaseHex;

    public static readonly SecretPattern AnthropicApiKey = SecretPattern.Define("anthropic-api-key", "Anthropic", "API key")
        .Confidence(SecretConfidence.High).Prefix("sk-ant-api03-")
        .Layout(KeySegment.Run(Base64Url, 93), KeySegment.Literal("AA"))
        .EnvironmentVariable("ANTHROPIC_API_KEY").Build();

    public static readonly SecretPattern AnthropicAdminKey = SecretPattern.Define("anthropic-admin-key", "Anthropic", "admin key")
        .Confidence(SecretConfidence.High).Prefix("sk-ant-admin01-")
        .Layout(KeySegment.Run(Base64Url, 93), KeySegment.Literal("AA"))
        .EnvironmentVariable("ANTHROPIC_ADMIN_KEY").Build();

    /// <summary>Every Google API key (Gemini, Maps, Cloud) is <c>AIza</c> + 35.</summary>
    public static readonly SecretPattern GoogleApiKey = SecretPattern.Define("google-api-key", "Google", "API key")
        .Prefix("AIza").Body(Base64Url, 35).EnvironmentVariable("GOOGLE_API_KEY").Build();

    public static readonly SecretPattern HuggingFaceToken = SecretPattern.Define("huggingface-token", "Hugging Face", "access token")
        .Prefix("hf_").Body(Alphanumeric, 34).EnvironmentVariable("HF_TOKEN").Build();

    public static readonly SecretPattern HuggingFaceOrgToken = SecretPattern.Define("huggingface-org-token", "Hugging Face", "organization API token")
        .Prefix("api_org_").Body(Alphanumeric, 34).EnvironmentVariable("HF_TOKEN").Build();

    public static readonly SecretPattern Groq = SecretPattern.Define("groq-api-key", "Groq", "API key")
        .Prefix("gsk_").Body(Alphanumeric, 52).EnvironmentVariable("GROQ_API_KEY").Build();

    public static readonly SecretPattern Replicate = SecretPattern.Define("replicate-api-token", "Replicate", "API token")
        .Prefix("r8_").Body(Base64Url, 37).EnvironmentVariable("REPLICATE_API_TOKEN").Build();

    public static readonly SecretPattern Perplexity = SecretPattern.Define("perplexity-api-key", "Perplexity", "API key")
        .Prefix("pplx-").Body(Alphanumeric, 48).EnvironmentVariable("PERPLEXITY_API_KEY").Build();

    public static readonly SecretPattern XAI = SecretPattern.Define("xai-api-key", "xAI", "API key")
        .Prefix("xai-").Body(CharacterSet.Word, 80).EnvironmentVariable("XAI_API_KEY").Build();

    public static readonly SecretPattern OpenRouter = SecretPattern.Define("openrouter-api-key", "OpenRouter", "API key")
        .Prefix("sk-or-v1-").Characters(Alphanumeric).Body(Hex, 64).EnvironmentVariable("OPENROUTER_API_KEY").Build();

    public static readonly SecretPattern Mistral = SecretPattern.Define("mistral-api-key", "Mistral AI", "API key")
        .Context("mistral").Body(Alphanumeric, 32).Validator(NotHexValidator.Instance)
        .EnvironmentVariable("MISTRAL_API_KEY").Build();

    public static readonly SecretPattern Cohere = SecretPattern.Define("cohere-api-key", "Cohere", "API key")
        .Context("cohere", "co_api_key").Body(Alphanumeric, 40).Validator(NotHexValidator.Instance)
        .EnvironmentVariable("COHERE_API_KEY").Build();

    public static readonly SecretPattern DeepSeek = SecretPattern.Define("deepseek-api-key", "DeepSeek", "API key")
        .Context("deepseek").Prefix("sk-").Characters(Alphanumeric).Body(Hex, 32)
        .EnvironmentVariable("DEEPSEEK_API_KEY").Build();

    public static readonly SecretPattern Together = SecretPattern.Define("together-api-key", "Together AI", "API key")
        .Prefix("tgp_v1_").Body(Base64Url, 43).EnvironmentVariable("TOGETHER_API_KEY").Build();

    public static readonly SecretPattern TogetherLegacy = SecretPattern.Define("together-legacy-key", "Together AI", "API key (legacy)")
        .Context("together").Characters(Alphanumeric).Body(Hex, 64).EnvironmentVariable("TOGETHER_API_KEY").Build();

    public static readonly SecretPattern Fireworks = SecretPattern.Define("fireworks-api-key", "Fireworks AI", "API key")
        .Prefix("fw_").Body(Alphanumeric, 24, 48).EnvironmentVariable("FIREWORKS_API_KEY").Build();

    public static readonly SecretPattern Cerebras = SecretPattern.Define("cerebras-api-key", "Cerebras", "API key")
        .Prefix("csk-").Characters(Alphanumeric).Body(CharacterSet.LowercaseAlphanumeric, 48).EnvironmentVariable("CEREBRAS_API_KEY").Build();

    public static readonly SecretPattern Nvidia = SecretPattern.Define("nvidia-api-key", "NVIDIA", "NIM API key")
        .Prefix("nvapi-").Body(Base64Url, 60, 70).EnvironmentVariable("NVIDIA_API_KEY").Build();

    public static readonly SecretPattern ElevenLabs = SecretPattern.Define("elevenlabs-api-key", "ElevenLabs", "API key")
        .Prefix("sk_").Characters(Alphanumeric).Body(Hex, 48).EnvironmentVariable("ELEVENLABS_API_KEY").Build();

    public static readonly SecretPattern ElevenLabsLegacy = SecretPattern.Define("elevenlabs-legacy-key", "ElevenLabs", "API key (legacy)")
        .Context("elevenlabs", "eleven_labs", "xi-api-key", "xi_api_key").Characters(Alphanumeric).Body(Hex, 32)
        .EnvironmentVariable("ELEVENLABS_API_KEY").Build();

    public static readonly SecretPattern Pinecone = SecretPattern.Define("pinecone-api-key", "Pinecone", "API key")
        .Prefix("pcsk_").Characters(CharacterSet.Word)
        .Layout(KeySegment.Run(Alphanumeric, 5, 6), KeySegment.Literal("_"), KeySegment.Run(Alphanumeric, 63))
        .EnvironmentVariable("PINECONE_API_KEY").Build();

    public static readonly SecretPattern LangSmithPersonal = LangSmith("langsmith-personal-token", "personal access token", "lsv2_pt_");

    public static readonly SecretPattern LangSmithService = LangSmith("langsmith-service-key", "service key", "lsv2_sk_");

    public static readonly SecretPattern WeightsAndBiases = SecretPattern.Define("wandb-api-key", "Weights & Biases", "API key")
        .Prefix("wandb_v1_").Body(CharacterSet.Word, 77).EnvironmentVariable("WANDB_API_KEY").Build();

    public static readonly SecretPattern WeightsAndBiasesLegacy = SecretPattern.Define("wandb-legacy-key", "Weights & Biases", "API key (legacy)")
        .Context("wandb", "weightsandbiases", "weights_and_biases").Characters(Alphanumeric).Body(Hex, 40)
        .EnvironmentVariable("WANDB_API_KEY").Build();

    public static readonly SecretPattern Langfuse = SecretPattern.Define("langfuse-secret-key", "Langfuse", "secret key")
        .Prefix("sk-lf-").Characters(CatalogCharacters.AlphanumericDash)
        .Layout(
            KeySegment.Run(Hex, 8), KeySegment.Literal("-"), KeySegment.Run(Hex, 4), KeySegment.Literal("-"), KeySegment.Run(Hex, 4),
            KeySegment.Literal("-"), KeySegment.Run(Hex, 4), KeySegment.Literal("-"), KeySegment.Run(Hex, 12))
        .EnvironmentVariable("LANGFUSE_SECRET_KEY").Build();

    public static readonly IReadOnlyList<SecretPattern> All = new[]
    {
        AnthropicApiKey, AnthropicAdminKey, GoogleApiKey, HuggingFaceToken, HuggingFaceOrgToken, Groq, Replicate, Perplexity,
        XAI, OpenRouter, Mistral, Cohere, DeepSeek, Together, TogetherLegacy, Fireworks, Cerebras, Nvidia, ElevenLabs,
        ElevenLabsLegacy, Pinecone, LangSmithPersonal, LangSmithService, WeightsAndBiases, WeightsAndBiasesLegacy, Langfuse,
    };

    private static SecretPattern LangSmith(string id, string label, string prefix) => SecretPattern.Define(id, "LangSmith", label)
        .Prefix(prefix).Characters(CharacterSet.Word)
        .Layout(KeySegment.Run(Hex, 32), KeySegment.Literal("_"), KeySegment.Run(Hex, 10))
        .EnvironmentVariable("LANGSMITH_API_KEY").Build();
}
