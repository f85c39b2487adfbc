using System;

namespace KeyLock.Secrets;

/// <summary>
/// Turns a key into a form that is safe for messages and logs: its public prefix, an ellipsis and at
/// most its last four characters, e.g. <c>sk-proj-…4aB9</c>.
/// </summary>
public static class Redactor
{
    public const string Ellipsis = "\u2026";

    public const int VisibleSuffixLength = 4;

    // The tail is shown only when it leaves enough of the key hidden to be useless to a reader.
    private const int MinimumHiddenLength = 16;

    /// <summary>Redacts <paramref name="key"/>, showing the longest prefix of <paramref name="pattern"/> it starts with.</summary>
    public static string Redact(string key, SecretPattern pattern)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        var prefix = string.Empty;
        foreach (var candidate in pattern.Prefixes)
        {
            if (candidate.Length > prefix.Length && key.StartsWith(candidate, StringComparison.Ordinal))
            {
                prefix = candidate;
            }
        }

        return Build(key, 0, key.Length, prefix);
    }

    /// <summary>Redacts the key that <paramref name="match"/> found in <paramref name="text"/>, without copying it.</summary>
    public static string Redact(string text, SecretMatch match)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Build(text, match.Index, match.Length, match.Prefix ?? string.Empty);
    }

    private static string Build(string text, int index, int length, string prefix)
    {
        var hidden = length - prefix.Length - VisibleSuffixLength;
        return hidden >= MinimumHiddenLength
            ? prefix + Ellipsis + text.Substring(index + length - VisibleSuffixLength, VisibleSuffixLength)
            : prefix + Ellipsis;
    }
}
