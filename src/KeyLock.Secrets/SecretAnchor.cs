using System;

namespace KeyLock.Secrets;

/// <summary>
/// Fixed text the matcher searches for first, at a fixed distance from the start of the key. A prefix
/// is an anchor at offset 0 (<c>ghp_</c>); a marker inside the key is an anchor at a positive offset
/// (Azure storage keys carry <c>+ASt</c> 76 characters in). Anchors are what keep the matcher cheap:
/// text without any anchor is never looked at twice.
/// </summary>
public sealed class SecretAnchor
{
    public SecretAnchor(string text, int offset = 0)
    {
        if (!IsAsciiText(text))
        {
            throw new ArgumentException("An anchor needs ASCII text.", nameof(text));
        }

        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "An anchor cannot sit before the key.");
        }

        Text = text;
        Offset = offset;
    }

    /// <summary>The literal text, e.g. <c>ghp_</c> or <c>+ASt</c>.</summary>
    public string Text { get; }

    /// <summary>How many characters of the key come before <see cref="Text"/>; 0 for a prefix.</summary>
    public int Offset { get; }

    /// <summary>Whether the anchor starts the key.</summary>
    public bool IsPrefix => Offset == 0;

    public override string ToString() => IsPrefix ? Text : "[" + Offset + "]" + Text;

    /// <summary>Whether <paramref name="text"/> can be an anchor: not empty, ASCII only.</summary>
    internal static bool IsAsciiText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var c in text!)
        {
            if (c >= 128)
            {
                return false;
            }
        }

        return true;
    }
}
