using System;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Detection;

/// <summary>
/// Guesses the provider, and so the conventional environment variable, from the API a value is passed
/// to: <c>OpenAIClient</c>, <c>AddOpenAIChatCompletion</c>, <c>AnthropicClient</c>, <c>AzureOpenAIClient</c>…
/// Used only to name the variable in the message and the code fix; detection never depends on it.
/// </summary>
internal static class ProviderHints
{
    // Checked in order: the first marker found in the member's or type's name wins.
    private static readonly (string Marker, string Provider, string Variable)[] Hints =
    {
        ("AzureOpenAI", "Azure OpenAI", "AZURE_OPENAI_API_KEY"),
        ("Azure.AI.OpenAI", "Azure OpenAI", "AZURE_OPENAI_API_KEY"),
        ("OpenAI", "OpenAI", "OPENAI_API_KEY"),
        ("Anthropic", "Anthropic", "ANTHROPIC_API_KEY"),
        ("Claude", "Anthropic", "ANTHROPIC_API_KEY"),
        ("Mistral", "Mistral", "MISTRAL_API_KEY"),
        ("Gemini", "Google", "GEMINI_API_KEY"),
        ("GoogleAI", "Google", "GEMINI_API_KEY"),
        ("Groq", "Groq", "GROQ_API_KEY"),
        ("Cohere", "Cohere", "COHERE_API_KEY"),
        ("HuggingFace", "Hugging Face", "HF_TOKEN"),
        ("ElevenLabs", "ElevenLabs", "ELEVENLABS_API_KEY"),
        ("Pinecone", "Pinecone", "PINECONE_API_KEY"),
        ("Qdrant", "Qdrant", "QDRANT_API_KEY"),
    };

    /// <summary>The provider and variable suggested by <paramref name="member"/> or its containing type, if any.</summary>
    public static (string Provider, string Variable)? For(ISymbol? member)
    {
        for (var symbol = member; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            var name = symbol is INamedTypeSymbol type ? type.ToDisplayString() : symbol.Name;
            foreach (var (marker, provider, variable) in Hints)
            {
                if (name.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return (provider, variable);
                }
            }
        }

        return null;
    }
}
