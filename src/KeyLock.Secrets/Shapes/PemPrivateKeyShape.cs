using System;

namespace KeyLock.Secrets.Shapes;

/// <summary>
/// A PEM private key: the anchor is the whole <c>-----BEGIN … PRIVATE KEY-----</c> line; the body may be
/// spread over lines or sit in one string with <c>\n</c> escapes, and may carry header lines
/// (<c>Proc-Type:</c>, <c>DEK-Info:</c>, PGP <c>Version:</c>). It counts as key material when it holds at
/// least 64 base64 characters with the variety of random data; <c>MIIE...</c> and other elided bodies do
/// not. The match runs to the end of the <c>-----END …-----</c> line, or to the end of the body when that
/// line is missing.
/// </summary>
public sealed class PemPrivateKeyShape : ISecretShape
{
    internal const int MinimumBase64 = 64;
    private const int MaximumScan = 1 << 16;

    public static PemPrivateKeyShape Instance { get; } = new();

    public bool TryMatch(string text, int anchorIndex, SecretAnchor anchor, int rangeStart, int rangeEnd, out int start, out int length, out string displayPrefix)
    {
        start = anchorIndex;
        displayPrefix = anchor.Text;
        var end = MeasureBody(text, anchorIndex + anchor.Text.Length, rangeEnd);
        length = end - anchorIndex;
        return end > 0;
    }

    /// <summary>The end of a PEM body that starts at <paramref name="position"/>, or 0 when it is not key material.</summary>
    internal static int MeasureBody(string text, int position, int rangeEnd)
    {
        var limit = Math.Min(rangeEnd, position + MaximumScan);
        int base64 = 0, bodyEnd = position;
        ulong seenLow = 0, seenHigh = 0;
        while (position < limit)
        {
            var c = text[position];
            if (c == '-' && string.CompareOrdinal(text, position, "-----END", 0, 8) == 0)
            {
                var close = position + 8 < limit ? text.IndexOf("-----", position + 8, Math.Min(80, limit - position - 8), StringComparison.Ordinal) : -1;
                bodyEnd = close < 0 ? position : close + 5;
                break;
            }

            if (CharacterSet.Base64Padded.Contains(c))
            {
                base64++;
                if (c < 64)
                {
                    seenLow |= 1UL << c;
                }
                else
                {
                    seenHigh |= 1UL << (c - 64);
                }
            }
            else if (c == '\\' && position + 1 < limit && text[position + 1] is 'n' or 'r' or 't')
            {
                position++;
            }
            else if (!(c is ' ' or '\t' or '\r' or '\n' or ':' or ',' or '-' or '.' or '(' or ')'))
            {
                break;
            }

            position++;
            bodyEnd = position;
        }

        var distinct = Bits.PopCount(seenLow) + Bits.PopCount(seenHigh);
        return base64 >= MinimumBase64 && distinct >= 24 ? bodyEnd : 0;
    }
}

/// <summary>
/// A Google Cloud service-account key file: the <c>"private_key"</c> JSON member holding a PEM key, in a
/// document whose <c>"type"</c> is <c>"service_account"</c>. The match is the member, from its name to the
/// closing quote of its value. Without the service-account type the PEM key is still found by the
/// private-key patterns.
/// </summary>
public sealed class GcpServiceAccountShape : ISecretShape
{
    private const string ServiceAccount = "\"service_account\"";

    public static GcpServiceAccountShape Instance { get; } = new();

    public bool TryMatch(string text, int anchorIndex, SecretAnchor anchor, int rangeStart, int rangeEnd, out int start, out int length, out string displayPrefix)
    {
        start = anchorIndex;
        length = 0;
        displayPrefix = anchor.Text;
        var position = SkipSpaces(text, anchorIndex + anchor.Text.Length, rangeEnd);
        if (position >= rangeEnd || text[position] != ':')
        {
            return false;
        }

        position = SkipSpaces(text, position + 1, rangeEnd);
        if (position >= rangeEnd || text[position] != '"')
        {
            return false;
        }

        var valueStart = position + 1;
        var close = valueStart;
        while (close < rangeEnd && text[close] != '"')
        {
            close += text[close] == '\\' ? 2 : 1;
        }

        if (close >= rangeEnd)
        {
            return false;
        }

        var header = text.IndexOf("-----BEGIN ", valueStart, close - valueStart, StringComparison.Ordinal);
        var headerEnd = header < 0 ? -1 : text.IndexOf("PRIVATE KEY-----", header, Math.Min(64, close - header), StringComparison.Ordinal);
        if (headerEnd < 0 || PemPrivateKeyShape.MeasureBody(text, headerEnd + 16, close) == 0
            || text.IndexOf(ServiceAccount, rangeStart, rangeEnd - rangeStart, StringComparison.Ordinal) < 0)
        {
            return false;
        }

        length = close + 1 - anchorIndex;
        return true;
    }

    private static int SkipSpaces(string text, int position, int end)
    {
        while (position < end && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }

        return position;
    }
}
