using System;
using System.Globalization;

namespace KeyLock.Secrets;

/// <summary>
/// One piece of a key body: either fixed text (a marker such as OpenAI's base64 "OpenAI") or a run of
/// random characters from an alphabet, with a fixed length or a length range.
/// </summary>
public sealed class KeySegment
{
    private KeySegment(string? text, CharacterSet? characters, int minLength, int maxLength, bool judged = true)
    {
        IsJudged = judged;
        Text = text;
        Characters = characters;
        MinLength = minLength;
        MaxLength = maxLength;
    }

    /// <summary>The fixed text of a literal segment; <see langword="null"/> for a run.</summary>
    public string? Text { get; }

    /// <summary>The alphabet of a run; <see langword="null"/> for a literal segment.</summary>
    public CharacterSet? Characters { get; }

    public int MinLength { get; }

    public int MaxLength { get; }

    public bool IsLiteral => Text is not null;

    /// <summary>
    /// Whether the placeholder heuristics judge this run. A structured run (ids, separators, a hex tail)
    /// is not uniformly random, so its shape is left to the pattern's validator.
    /// </summary>
    public bool IsJudged { get; }

    public bool HasFixedLength => MinLength == MaxLength;

    /// <summary>Fixed text that must appear at this position.</summary>
    public static KeySegment Literal(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("A literal segment needs text.", nameof(text));
        }

        return new KeySegment(text, null, text.Length, text.Length);
    }

    /// <summary>Exactly <paramref name="length"/> random characters from <paramref name="characters"/>.</summary>
    public static KeySegment Run(CharacterSet characters, int length) => Run(characters, length, length);

    /// <summary>Between <paramref name="minLength"/> and <paramref name="maxLength"/> random characters.</summary>
    public static KeySegment Run(CharacterSet characters, int minLength, int maxLength)
    {
        if (characters is null)
        {
            throw new ArgumentNullException(nameof(characters));
        }

        if (minLength < 1 || maxLength < minLength)
        {
            throw new ArgumentOutOfRangeException(nameof(minLength), "A run needs 1 <= minLength <= maxLength.");
        }

        return new KeySegment(null, characters, minLength, maxLength);
    }

    /// <summary>
    /// A run with inner structure (numeric ids, separators) that a validator checks; it is exempt from the
    /// randomness heuristics, which assume every character is drawn uniformly from the alphabet.
    /// </summary>
    public static KeySegment Structured(CharacterSet characters, int minLength, int maxLength)
    {
        var run = Run(characters, minLength, maxLength);
        return new KeySegment(null, run.Characters, run.MinLength, run.MaxLength, judged: false);
    }

    public override string ToString()
    {
        if (IsLiteral)
        {
            return "'" + Text + "'";
        }

        var length = HasFixedLength
            ? MinLength.ToString(CultureInfo.InvariantCulture)
            : string.Format(CultureInfo.InvariantCulture, "{0}-{1}", MinLength, MaxLength);
        return length + " " + Characters!.Name;
    }
}
