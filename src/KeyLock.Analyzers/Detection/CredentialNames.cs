using System;
using System.Collections.Generic;
using System.Text;

namespace KeyLock.Analyzers.Detection;

/// <summary>
/// Tells names that hold credentials (<c>ApiKey</c>, <c>client_secret</c>, <c>OPENAI_API_KEY</c>,
/// <c>OpenAI:ApiKey</c>, <c>x-api-key</c>, <c>Authorization</c>) from names that merely contain such a word
/// (<c>PartitionKey</c>, <c>PublicKey</c>, <c>CancellationToken</c>, <c>MaxTokens</c>). Names are split into
/// lower-case words at separators (<c>_ - . : /</c>, space) and camel-case humps; only the last setting-path
/// segment counts.
/// </summary>
internal static class CredentialNames
{
    private static readonly HashSet<string> SecretLastWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "apikey", "token", "authorization", "credential", "credentials",
    };

    // Every word Classify accepts as the last one, as suffixes ("apikey" ends with "key").
    private static readonly string[] CredentialLastWords =
    {
        "key", "keys", "password", "passwd", "pwd", "passphrase", "secret", "token", "authorization", "credential", "credentials",
    };

    // Words before "key" that make it something other than a secret.
    private static readonly HashSet<string> NonSecretKeyQualifiers = new(StringComparer.Ordinal)
    {
        "public", "partition", "sort", "cache", "foreign", "lookup", "idempotency", "row", "entity", "composite", "registry",
        "resource", "hot", "short", "dictionary", "map", "hash", "index", "sequence", "unique", "natural", "surrogate",
        "localization", "translation", "message", "routing", "object", "item", "group", "query", "config", "configuration",
        "setting", "settings", "section", "cursor", "sharding", "shard", "continuation", "id", "name",
        "type", "kind", "property", "field", "column", "table", "header", "label", "translation", "route", "menu", "text",
    };

    // Words before "token" that make it something other than a credential.
    private static readonly HashSet<string> NonSecretTokenQualifiers = new(StringComparer.Ordinal)
    {
        "cancellation", "continuation", "page", "paging", "next", "previous", "sync", "max", "min", "stop", "end", "start",
        "special", "separator", "pad", "mask", "eos", "bos", "unk", "sentence", "delimiter", "sep", "cls", "completion",
        "prompt", "input", "output", "total", "count", "lexer", "syntax", "change", "resume", "progress",
    };

    // Words before "secret" that make it something other than a secret.
    private static readonly HashSet<string> NonSecretSecretQualifiers = new(StringComparer.Ordinal)
    {
        "is", "has", "use", "uses", "show", "no",
    };

    /// <summary>True when a member, variable, setting, environment variable or header with this name holds a credential.</summary>
    public static bool IsCredentialName(string name) => Classify(name, allowBareKey: false);

    /// <summary>Like <see cref="IsCredentialName"/>, and a bare <c>key</c> counts too (for parameters of clients and credentials).</summary>
    public static bool IsCredentialName(string name, bool allowBareKey) => Classify(name, allowBareKey);

    /// <summary>
    /// An environment variable name derived from a member, parameter, setting or header name:
    /// <c>ApiKey</c> → <c>API_KEY</c>, <c>OpenAI:ApiKey</c> → <c>OPENAI_API_KEY</c>, <c>x-api-key</c> → <c>API_KEY</c>.
    /// </summary>
    public static string ToEnvironmentVariable(string name)
    {
        var words = Words(name, lastSegmentOnly: false);
        if (words.Count > 1 && words[0] == "x")
        {
            words.RemoveAt(0); // x-api-key: the "x-" header convention is not part of the name
        }

        var builder = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "open" && i + 1 < words.Count && words[i + 1] == "ai")
            {
                word = "openai";
                i++;
            }

            if (word == "apikey")
            {
                word = "api_key";
            }

            if (builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(word.ToUpperInvariant());
        }

        return builder.ToString() switch
        {
            "" or "KEY" => "API_KEY",
            "TOKEN" or "AUTHORIZATION" => "API_TOKEN",
            "SECRET" => "API_SECRET",
            var variable => variable,
        };
    }

    private static bool Classify(string name, bool allowBareKey)
    {
        if (string.IsNullOrEmpty(name) || !EndsWithCredentialWord(name))
        {
            return false;
        }

        var words = Words(name, lastSegmentOnly: true);
        if (words.Count == 0)
        {
            return false;
        }

        var last = words[words.Count - 1];
        var previous = words.Count > 1 ? words[words.Count - 2] : null;
        if (last == "key" || last == "keys")
        {
            return previous is null ? allowBareKey : !NonSecretKeyQualifiers.Contains(previous);
        }

        if (!SecretLastWords.Contains(last))
        {
            return false;
        }

        return last switch
        {
            "token" => previous is null || !NonSecretTokenQualifiers.Contains(previous),
            "secret" => previous is null || !NonSecretSecretQualifiers.Contains(previous),
            _ => true,
        };
    }

    /// <summary>
    /// The allocation-free gate in front of <see cref="Words"/>: a credential name's last word is one of
    /// <see cref="CredentialLastWords"/>, so its letters and digits end with one of them, whatever the casing and
    /// separators. Most names in real code (<c>value</c>, <c>count</c>, <c>options</c>) stop here.
    /// </summary>
    private static bool EndsWithCredentialWord(string name)
    {
        var end = name.Length;
        while (end > 0 && !char.IsLetterOrDigit(name[end - 1]))
        {
            end--;
        }

        foreach (var word in CredentialLastWords)
        {
            if (end >= word.Length && string.Compare(name, end - word.Length, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case words of <paramref name="name"/>; with <paramref name="lastSegmentOnly"/>, of its last <c>:</c>/<c>__</c>/<c>.</c> segment.</summary>
    internal static List<string> Words(string name, bool lastSegmentOnly)
    {
        var start = 0;
        if (lastSegmentOnly)
        {
            var colon = Math.Max(name.LastIndexOf(':'), Math.Max(name.LastIndexOf('.'), name.LastIndexOf('/')));
            var doubleUnderscore = name.LastIndexOf("__", StringComparison.Ordinal);
            start = Math.Max(colon + 1, doubleUnderscore >= 0 ? doubleUnderscore + 2 : 0);
        }

        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = start; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, word);
                continue;
            }

            // A hump: lower/digit → upper ("apiKey"), or the last capital of an acronym before lower ("AIKey" → AI, Key).
            var hump = word.Length > 0 && char.IsUpper(c)
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (hump)
            {
                Flush(words, word);
            }

            word.Append(char.ToLowerInvariant(c));
        }

        Flush(words, word);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder word)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
