using System;

namespace KeyLock.Secrets.Shapes;

/// <summary>
/// A URL with a password in it: <c>scheme://user:password@host</c> (the user may be empty, as in
/// <c>redis://:password@host</c>). The anchor is <c>://</c>; the match runs from the scheme to the end of
/// the host and port, and the redacted form shows only the scheme. Placeholder passwords (<c>password</c>,
/// <c>${PASSWORD}</c>, <c>&lt;pass&gt;</c>, <c>****</c>…) and a password equal to the user name are not reported.
/// </summary>
public sealed class BasicAuthUrlShape : ISecretShape
{
    private const int MaximumUserInfo = 512;

    public static BasicAuthUrlShape Instance { get; } = new();

    public bool TryMatch(string text, int anchorIndex, SecretAnchor anchor, int rangeStart, int rangeEnd, out int start, out int length, out string displayPrefix)
    {
        length = 0;
        displayPrefix = string.Empty;
        start = anchorIndex;
        while (start > rangeStart && anchorIndex - start < 32 && IsSchemeCharacter(text[start - 1]))
        {
            start--;
        }

        if (anchorIndex - start < 2 || !CharacterSet.Letters.Contains(text[start]))
        {
            return false;
        }

        var userStart = anchorIndex + 3;
        var limit = Math.Min(rangeEnd, userStart + MaximumUserInfo);
        var colon = -1;
        var at = userStart;
        for (; at < limit; at++)
        {
            var c = text[at];
            if (c == '@')
            {
                break;
            }

            if (c is '/' or '?' or '#' or '"' or '\'' or '<' or '>' or '\\' or ' ' or '\t' or '\r' or '\n')
            {
                return false;
            }

            if (c == ':' && colon < 0)
            {
                colon = at;
            }
        }

        if (at >= limit || colon < 0)
        {
            return false;
        }

        var passwordLength = at - colon - 1;
        var userLength = colon - userStart;
        if (passwordLength == 0 || KnownNonSecrets.IsPlaceholderValue(text, colon + 1, passwordLength)
            || (userLength == passwordLength && string.CompareOrdinal(text, userStart, text, colon + 1, userLength) == 0))
        {
            return false;
        }

        var hostEnd = at + 1;
        while (hostEnd < rangeEnd && IsHostCharacter(text[hostEnd]))
        {
            hostEnd++;
        }

        if (hostEnd == at + 1 || !CharacterSet.Alphanumeric.Contains(text[at + 1]))
        {
            return false;
        }

        length = hostEnd - start;
        displayPrefix = text.Substring(start, anchorIndex + 3 - start);
        return true;
    }

    private static bool IsSchemeCharacter(char c) => CharacterSet.Alphanumeric.Contains(c) || c is '+' or '.' or '-';

    private static bool IsHostCharacter(char c) => CharacterSet.Alphanumeric.Contains(c) || c is '.' or '-' or '_' or ':' or '[' or ']';
}
