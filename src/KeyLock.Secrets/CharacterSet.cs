using System;

namespace KeyLock.Secrets;

/// <summary>
/// An immutable set of ASCII characters, stored as a 128-bit mask so that a membership test is two
/// shifts and no lookup table per call. Secret formats only use ASCII alphabets.
/// </summary>
public sealed class CharacterSet
{
    private readonly ulong _low;  // characters 0-63
    private readonly ulong _high; // characters 64-127

    private CharacterSet(string name, ulong low, ulong high)
    {
        Name = name;
        _low = low;
        _high = high;
        Count = Bits.PopCount(low) + Bits.PopCount(high);
    }

    /// <summary><c>[A-Za-z0-9]</c>.</summary>
    public static CharacterSet Alphanumeric { get; } = FromRanges("alphanumeric", "AZ", "az", "09");

    /// <summary><c>[A-Za-z0-9_-]</c>: the URL-safe base64 alphabet.</summary>
    public static CharacterSet Base64Url { get; } = FromRanges("base64url", "AZ", "az", "09", "__", "--");

    /// <summary><c>[0-9a-f]</c>.</summary>
    public static CharacterSet LowercaseHex { get; } = FromRanges("lowercase hex", "09", "af");

    /// <summary><c>[A-Za-z0-9+/]</c>: the standard base64 alphabet, without padding.</summary>
    public static CharacterSet Base64 { get; } = FromRanges("base64", "AZ", "az", "09", "++", "//");

    /// <summary><c>[A-Za-z0-9+/=]</c>: standard base64 with its padding character.</summary>
    public static CharacterSet Base64Padded { get; } = FromRanges("padded base64", "AZ", "az", "09", "++", "//", "==");

    /// <summary><c>[A-Za-z0-9_]</c>: word characters.</summary>
    public static CharacterSet Word { get; } = FromRanges("word", "AZ", "az", "09", "__");

    /// <summary><c>[A-Za-z]</c>.</summary>
    public static CharacterSet Letters { get; } = FromRanges("letters", "AZ", "az");

    /// <summary><c>[0-9]</c>.</summary>
    public static CharacterSet Digits { get; } = FromRanges("digits", "09");

    /// <summary><c>[A-Z0-9]</c>.</summary>
    public static CharacterSet UppercaseAlphanumeric { get; } = FromRanges("uppercase alphanumeric", "AZ", "09");

    /// <summary><c>[a-z0-9]</c>.</summary>
    public static CharacterSet LowercaseAlphanumeric { get; } = FromRanges("lowercase alphanumeric", "az", "09");

    /// <summary><c>[A-Z2-7]</c>: the RFC 4648 base32 alphabet.</summary>
    public static CharacterSet UppercaseBase32 { get; } = FromRanges("base32", "AZ", "27");

    /// <summary><c>[a-z2-7]</c>: lowercase base32.</summary>
    public static CharacterSet LowercaseBase32 { get; } = FromRanges("lowercase base32", "az", "27");

    /// <summary>A short name for messages and tests, e.g. "base64url".</summary>
    public string Name { get; }

    /// <summary>How many characters the set holds; the randomness checks use it.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="c"/> belongs to the set.</summary>
    public bool Contains(char c)
    {
        if (c < 64)
        {
            return ((_low >> c) & 1UL) != 0;
        }

        return c < 128 && ((_high >> (c - 64)) & 1UL) != 0;
    }

    /// <summary>Whether every character of <paramref name="other"/> is also in this set.</summary>
    public bool IsSupersetOf(CharacterSet other) =>
        (other._low & ~_low) == 0 && (other._high & ~_high) == 0;

    /// <summary>A set holding the characters of this one and of <paramref name="other"/>.</summary>
    public CharacterSet Union(CharacterSet other, string name)
    {
        if (other is null)
        {
            throw new ArgumentNullException(nameof(other));
        }

        var low = _low | other._low;
        var high = _high | other._high;
        return new CharacterSet(name, low, high);
    }

    /// <summary>This set plus the single characters of <paramref name="extra"/>, e.g. <c>Base64Url.With(".", "…")</c>.</summary>
    public CharacterSet With(string extra, string name)
    {
        if (extra is null)
        {
            throw new ArgumentNullException(nameof(extra));
        }

        RequireName(name);
        ulong low = _low, high = _high;
        foreach (var c in extra)
        {
            if (c >= 128)
            {
                throw NotAnAsciiRange(new string(c, 2));
            }

            AddRange(c, c, ref low, ref high);
        }

        return new CharacterSet(name, low, high);
    }

    /// <summary>Whether every character of <paramref name="text"/>[<paramref name="start"/>..+<paramref name="length"/>] is in the set.</summary>
    public bool ContainsAll(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!Contains(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Builds a set from inclusive two-character ranges such as <c>"az"</c> or <c>"__"</c>.</summary>
    public static CharacterSet FromRanges(string name, params string[] ranges)
    {
        RequireName(name);
        if (ranges is null)
        {
            throw new ArgumentNullException(nameof(ranges));
        }

        ulong low = 0, high = 0;
        foreach (var range in ranges)
        {
            if (range is null || range.Length != 2 || range[0] > range[1] || range[1] >= 128)
            {
                throw NotAnAsciiRange(range);
            }

            AddRange(range[0], range[1], ref low, ref high);
        }

        return new CharacterSet(name, low, high);
    }

    private static void AddRange(char first, char last, ref ulong low, ref ulong high)
    {
        for (var c = first; c <= last; c++)
        {
            if (c < 64)
            {
                low |= 1UL << c;
            }
            else
            {
                high |= 1UL << (c - 64);
            }
        }
    }

    private static void RequireName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A character set needs a name.", nameof(name));
        }
    }

    private static ArgumentException NotAnAsciiRange(string? range) =>
        new($"'{range}' is not an ASCII range of the form \"az\".", "ranges");

    public override string ToString() => Name;
}
