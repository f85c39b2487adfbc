namespace ChatGateway;

/// <summary>
/// One upstream provider the gateway can route to. Each route names its own key variable, so a
/// process only ever holds the keys of the routes it serves, never one blob with every key.
/// </summary>
public sealed record ProviderRoute(string Name, string ModelPrefix, Uri? Endpoint, string KeyVariable)
{
    public static readonly IReadOnlyList<ProviderRoute> All =
    [
        new("OpenAI", "gpt-", Endpoint: null, "OPENAI_API_KEY"),
        new("Groq", "llama-", new Uri("https://api.groq.com/openai/v1"), "GROQ_API_KEY"),
        new("OpenRouter", "openrouter/", new Uri("https://openrouter.ai/api/v1"), "OPENROUTER_API_KEY"),
    ];

    public static ProviderRoute? ForModel(string model) =>
        All.FirstOrDefault(route => model.StartsWith(route.ModelPrefix, StringComparison.OrdinalIgnoreCase));
}
