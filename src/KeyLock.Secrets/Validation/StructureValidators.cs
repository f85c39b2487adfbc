namespace KeyLock.Secrets.Validation;

/// <summary>
/// Slack tokens (<c>xoxb-</c>, <c>xoxp-</c>, <c>xapp-</c>…): dash-separated groups, of which at least one
/// is a numeric id, ending in a random group of at least 24 characters that is not all digits.
/// </summary>
public sealed class SlackTokenValidator : ISecretValidator
{
    public static SlackTokenValidator Instance { get; } = new();

    public bool IsValid(string text, int index, int length)
    {
        var end = index + length;
        var groupStart = text.IndexOf('-', index, length) + 1;
        if (groupStart <= 0)
        {
            return false;
        }

        var numericGroups = 0;
        while (true)
        {
            var dash = text.IndexOf('-', groupStart, end - groupStart);
            var groupEnd = dash < 0 ? end : dash;
            var groupLength = groupEnd - groupStart;
            if (groupLength == 0)
            {
                return false;
            }

            var digits = CharacterSet.Digits.ContainsAll(text, groupStart, groupLength);
            if (dash < 0)
            {
                return numericGroups > 0 && groupLength >= 24 && !digits;
            }

            if (digits)
            {
                numericGroups++;
            }

            groupStart = groupEnd + 1;
        }
    }
}

/// <summary>
/// Slack incoming-webhook paths after the prefix: <c>T</c> + workspace id, <c>/B</c> + bot id, <c>/</c> +
/// 24 random alphanumerics.
/// </summary>
public sealed class SlackWebhookValidator : ISecretValidator
{
    private readonly int _prefixLength;

    public SlackWebhookValidator(int prefixLength) => _prefixLength = prefixLength;

    public bool IsValid(string text, int index, int length)
    {
        var position = index + _prefixLength;
        var end = index + length;
        return Id(text, ref position, end, 'T') && Id(text, ref position, end, 'B')
            && end - position >= 23 && end - position <= 32 && CharacterSet.Alphanumeric.ContainsAll(text, position, end - position);
    }

    private static bool Id(string text, ref int position, int end, char first)
    {
        if (position >= end || text[position] != first)
        {
            return false;
        }

        var slash = text.IndexOf('/', position, end - position);
        if (slash < 0 || slash - position < 7 || slash - position > 13 || !CharacterSet.UppercaseAlphanumeric.ContainsAll(text, position, slash - position))
        {
            return false;
        }

        position = slash + 1;
        return true;
    }
}

/// <summary>
/// A signed JWT: <c>header.payload.signature</c>, base64url, header and payload JSON objects (so both
/// start with <c>eyJ</c>), and a signature (an unsigned <c>alg: none</c> token has none and is harmless).
/// The jwt.io sample payloads are public and never reported.
/// </summary>
public sealed class JwtValidator : ISecretValidator
{
    // Encoded on first use rather than at type initialization: the catalog touches Instance in every
    // compiler process, and base64 encoding is JIT-compiled code that only a JWT-shaped value needs.
    // Two threads may both encode; they store equal arrays.
    private static string[]? s_publicPayloads;

    private static string[] PublicPayloads => s_publicPayloads ??= new[]
    {
        Base64Decoder.EncodeUrl("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}"),
        Base64Decoder.EncodeUrl("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"admin\":true,\"iat\":1516239022}"),
    };

    public static JwtValidator Instance { get; } = new();

    public bool IsValid(string text, int index, int length)
    {
        var end = index + length;
        var firstDot = text.IndexOf('.', index, length);
        if (firstDot < 0)
        {
            return false;
        }

        var secondDot = text.IndexOf('.', firstDot + 1, end - firstDot - 1);
        if (secondDot < 0 || text.IndexOf('.', secondDot + 1, end - secondDot - 1) >= 0)
        {
            return false;
        }

        var payloadLength = secondDot - firstDot - 1;
        if (firstDot - index < 16 || payloadLength < 16 || end - secondDot - 1 < 16
            || string.CompareOrdinal(text, firstDot + 1, "eyJ", 0, 3) != 0)
        {
            return false;
        }

        foreach (var known in PublicPayloads)
        {
            if (known.Length == payloadLength && string.CompareOrdinal(text, firstDot + 1, known, 0, payloadLength) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
