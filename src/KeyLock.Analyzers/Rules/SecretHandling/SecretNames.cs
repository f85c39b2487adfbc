using System;
using System.Collections.Generic;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// Decides whether an environment variable or configuration key names a secret. This is the one list
/// the secret-handling rules share: <c>*_API_KEY</c>, <c>*_KEY</c>, <c>*_TOKEN</c>, <c>*_SECRET</c>,
/// <c>*_PASSWORD</c> and their configuration spellings (<c>OpenAI:ApiKey</c>, <c>Groq__ApiKey</c>).
/// </summary>
/// <remarks>
/// A name is split into words at separators (<c>_ - . : /</c> and <c>__</c>) and at case changes
/// (<c>openAiKey</c>, <c>OpenAIKey</c>), so <c>OPENAI_API_KEY</c>, <c>OpenAI:ApiKey</c> and <c>openaiApiKey</c> all end in the word
/// <c>KEY</c>. Only the last word decides, which keeps <c>MAX_TOKENS</c>, <c>TOKEN_URL</c> and
/// <c>KEY_VAULT_URI</c> out; a few <c>*_KEY</c> names that are not secrets (<c>PARTITION_KEY</c>,
/// <c>PUBLIC_KEY</c>, …) are excluded by the word before.
/// </remarks>
internal static class SecretNames
{
    /// <summary>Last words that make a name secret-like.</summary>
    private static readonly HashSet<string> SecretLastWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS",
    };

    /// <summary>Words before <c>KEY</c> that make it a non-secret kind of key.</summary>
    private static readonly HashSet<string> NonSecretKeyQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "PUBLIC", "PARTITION", "SORT", "ROW", "CACHE", "IDEMPOTENCY", "FOREIGN", "LOOKUP",
    };

    /// <summary>Words that, anywhere in a name, say the value may hold several secrets (<c>SECRETS</c>, <c>API_KEYS</c>).</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "KEY", "KEYS", "APIKEY", "APIKEYS", "TOKEN", "TOKENS", "SECRET", "SECRETS", "PASSWORD", "PASSWORDS", "CREDENTIAL", "CREDENTIALS",
    };

    /// <summary>The suffixes shown in messages and docs.</summary>
    public const string Description = "*_API_KEY, *_KEY, *_TOKEN, *_SECRET, *_PASSWORD (and ApiKey, Token, Secret, Password in configuration keys)";

    /// <summary>True for a name whose last word says it holds one secret: <c>OPENAI_API_KEY</c>, <c>OpenAI:ApiKey</c>, <c>GITHUB_TOKEN</c>.</summary>
    public static bool IsSecretName(string? name)
    {
        var words = Words(name);
        if (words.Count == 0 || !SecretLastWords.Contains(words[words.Count - 1]))
        {
            return false;
        }

        var last = words[words.Count - 1];
        return !(last.Equals("KEY", StringComparison.OrdinalIgnoreCase)
            && words.Count > 1
            && NonSecretKeyQualifiers.Contains(words[words.Count - 2]));
    }

    /// <summary>True for a name with a secret word anywhere: <c>SECRETS</c>, <c>PROVIDER_KEYS_JSON</c>, <c>OpenAI:ApiKey</c>.</summary>
    public static bool MayHoldSecrets(string? name)
    {
        foreach (var word in Words(name))
        {
            if (SecretWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits <c>OpenAI:ApiKey</c> into <c>Open, AI, Api, Key</c> and <c>OPENAI_API_KEY</c> into <c>OPENAI, API, KEY</c>.</summary>
    internal static List<string> Words(string? name)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(name))
        {
            return words;
        }

        var start = 0;
        for (var i = 0; i <= name!.Length; i++)
        {
            var atEnd = i == name.Length;
            var isSeparator = !atEnd && !char.IsLetterOrDigit(name[i]);
            var caseChange = !atEnd && i > start && char.IsUpper(name[i])
                && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (atEnd || isSeparator || caseChange)
            {
                if (i > start)
                {
                    words.Add(name.Substring(start, i - start));
                }

                start = isSeparator ? i + 1 : i;
            }
        }

        return words;
    }
}
