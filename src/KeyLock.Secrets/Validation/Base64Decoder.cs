using System;

namespace KeyLock.Secrets.Validation;

/// <summary>Decodes standard base64 (with optional <c>=</c> padding) into a caller's buffer, without allocating.</summary>
internal static class Base64Decoder
{
    private static readonly sbyte[] Values = BuildValues();

    /// <summary>Decodes <paramref name="text"/>[<paramref name="index"/>..+<paramref name="length"/>]; false on any non-base64 character or a too small buffer.</summary>
    public static bool TryDecode(string text, int index, int length, byte[] buffer, out int byteCount)
    {
        byteCount = 0;
        var end = index + length;
        while (end > index && text[end - 1] == '=')
        {
            end--;
        }

        if (index + length - end > 2)
        {
            return false;
        }

        uint bits = 0;
        var bitCount = 0;
        for (var i = index; i < end; i++)
        {
            var c = text[i];
            var value = c < 128 ? Values[c] : (sbyte)-1;
            if (value < 0)
            {
                return false;
            }

            bits = bits << 6 | (byte)value;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                if (byteCount == buffer.Length)
                {
                    return false;
                }

                buffer[byteCount++] = (byte)(bits >> bitCount);
                bits &= (1u << bitCount) - 1;
            }
        }

        return true;
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -1;
        }

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            values[alphabet[i]] = (sbyte)i;
        }

        return values;
    }

    /// <summary>Base64url without padding, for building known public values from their plain text.</summary>
    public static string EncodeUrl(string ascii)
    {
        var bytes = new byte[ascii.Length];
        for (var i = 0; i < ascii.Length; i++)
        {
            bytes[i] = (byte)ascii[i];
        }

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
