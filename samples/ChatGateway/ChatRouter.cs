using System.ClientModel;
using OpenAI;
using OpenAI.Chat;

namespace ChatGateway;

/// <summary>Sends a prompt to the provider that serves the requested model.</summary>
public sealed class ChatRouter
{
    private readonly Func<string, string?> _readSecret;

    /// <param name="readSecret">Reads one named secret (environment, user-secrets, a vault…).</param>
    public ChatRouter(Func<string, string?> readSecret) => _readSecret = readSecret;

    public async Task<string> CompleteAsync(string model, string prompt, CancellationToken cancellationToken)
    {
        var route = ProviderRoute.ForModel(model)
            ?? throw new ArgumentException($"No provider route serves model '{model}'.", nameof(model));

        // Only this route's key is read, and only when the route is used.
        var key = _readSecret(route.KeyVariable)
            ?? throw new InvalidOperationException($"Set {route.KeyVariable} to use {route.Name}.");

        var options = new OpenAIClientOptions();
        if (route.Endpoint is not null)
        {
            options.Endpoint = route.Endpoint;
        }

        var client = new ChatClient(model, new ApiKeyCredential(key), options);
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: cancellationToken);
        return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
    }
}
