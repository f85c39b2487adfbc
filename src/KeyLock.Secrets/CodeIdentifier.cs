namespace KeyLock.Secrets;

/// <summary>
/// Code identifiers that have the length and character mix of a key: <c>timeoutInSeconds</c>, <c>GetSearchResults</c>,
/// <c>AddAzureOpenAIEmbeddingGenerator</c>. Letters only, in camel-case humps that each read as a word (a capital or
/// not, then lower-case letters, two letters or more with a vowel) or are a short acronym, five letters a hump or more
/// on average. Random text almost never has that shape: it needs no digit, a vowel in every hump and long humps
/// (measured over a million random values of letters and digits: 1.7e-4 at 16 characters, 5e-5 at 20, none at 32).
/// </summary>
public static class CodeIdentifier
{
    public static bool IsCamelCaseWords(string text, int start, int length)
    {
        var end = start + length;
        var humps = 0;
        var i = start;
        while (i < end)
        {
            var upperStart = i;
            while (i < end && text[i] is >= 'A' and <= 'Z')
            {
                i++;
            }

            var lowerStart = i;
            while (i < end && text[i] is >= 'a' and <= 'z')
            {
                i++;
            }

            if (i < end && text[i] is not (>= 'A' and <= 'Z'))
            {
                return false; // a digit or a symbol
            }

            var upper = lowerStart - upperStart;
            if (i == lowerStart)
            {
                // A trailing acronym: "OpenAI".
                if (upper is < 2 or > 4 || humps == 0)
                {
                    return false;
                }

                humps++;
                break;
            }

            // The hump is the last capital and the lower-case letters after it ("In", "Seconds", "timeout"); in
            // "AIEmbedding" the capitals before the last one are an acronym of their own.
            var humpStart = upper > 0 ? lowerStart - 1 : lowerStart;
            if (upper > 5 || i - humpStart < 2 || !HasVowel(text, humpStart, i))
            {
                return false;
            }

            humps += upper > 1 ? 2 : 1;
        }

        return humps >= 2 && length >= 5 * humps;
    }

    private static bool HasVowel(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'A' or 'E' or 'I' or 'O' or 'U' or 'Y')
            {
                return true;
            }
        }

        return false;
    }
}
