using System;

namespace KeyLock.Secrets;

/// <summary>
/// Tells a random key body from a placeholder that merely has the right length: repeated or
/// sequential characters, too few distinct characters, or a placeholder word. Each threshold is set so
/// that a genuinely random run trips it with a probability below about one in a million.
/// </summary>
internal static class PlaceholderHeuristics
{
    /// <summary>Shorter runs carry too little signal to judge, so they always pass.</summary>
    internal const int MinimumJudgedLength = 16;

    // Only words of 7+ letters: a shorter one (e.g. "fake") shows up by chance in too many real keys.
    private static readonly string[] PlaceholderWords =
    {
        "example", "placeholder", "redacted", "changeme", "replaceme", "yourkey", "your_key", "yourapikey",
        "your_api_key", "your-api-key", "insertyour", "insert_your",
    };

    public static bool LooksLikePlaceholder(string text, int start, int length, CharacterSet characters)
    {
        if (length < MinimumJudgedLength)
        {
            return false;
        }

        var streakLimit = StreakLimit(length, characters.Count);
        ulong seenLow = 0, seenHigh = 0;
        int sameStreak = 1, upStreak = 1, downStreak = 1;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            if (c < 64)
            {
                seenLow |= 1UL << c;
            }
            else if (c < 128)
            {
                seenHigh |= 1UL << (c - 64);
            }

            if (i == start)
            {
                continue;
            }

            var step = c - text[i - 1];
            sameStreak = step == 0 ? sameStreak + 1 : 1;
            upStreak = step == 1 ? upStreak + 1 : 1;
            downStreak = step == -1 ? downStreak + 1 : 1;
            if (sameStreak >= streakLimit || upStreak >= streakLimit || downStreak >= streakLimit)
            {
                return true;
            }
        }

        var distinct = Bits.PopCount(seenLow) + Bits.PopCount(seenHigh);
        if (distinct * 2 < ExpectedDistinct(length, characters.Count))
        {
            return true;
        }

        return ContainsPlaceholderWord(text, start, length) || IsCodeIdentifier(text, start, length, characters);
    }

    /// <summary>
    /// A code identifier where a key of letters and digits belongs (<c>AddAzureOpenAIEmbeddingGenerator</c> is 32 letters,
    /// the shape of a Mistral key). Judged only from 32 characters on and where the key's alphabet has digits: a random
    /// run of letters and digits that long has the identifier shape less often than one in a million; a letters-only
    /// alphabet has it far more often.
    /// </summary>
    private static bool IsCodeIdentifier(string text, int start, int length, CharacterSet characters) =>
        length >= 32 && characters.Contains('0') && CodeIdentifier.IsCamelCaseWords(text, start, length);

    /// <summary>The shortest streak whose chance in a random run of this length is below 1e-6.</summary>
    internal static int StreakLimit(int length, int alphabetSize)
    {
        var size = Math.Max(alphabetSize, 2);
        return (int)Math.Floor(Math.Log(length * 1e6) / Math.Log(size)) + 2;
    }

    /// <summary>How many distinct characters a random run of this length holds on average.</summary>
    internal static double ExpectedDistinct(int length, int alphabetSize) =>
        alphabetSize * (1 - Math.Pow(1 - 1.0 / alphabetSize, length));

    private static bool ContainsPlaceholderWord(string text, int start, int length)
    {
        foreach (var word in PlaceholderWords)
        {
            if (word.Length <= length && text.IndexOf(word, start, length, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
