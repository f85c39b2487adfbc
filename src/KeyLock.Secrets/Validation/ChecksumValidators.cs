using System;

namespace KeyLock.Secrets.Validation;

/// <summary>
/// GitHub's and npm's token checksum: the last <c>6</c> characters are the CRC-32 of the random part
/// before them (prefix excluded), written in base62 (<c>0-9A-Za-z</c>) and left-padded with <c>0</c>.
/// A look-alike with any character changed fails it, offline.
/// </summary>
public sealed class Crc32Base62Validator : ISecretValidator
{
    internal const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int ChecksumLength = 6;
    private readonly int _randomLength;

    /// <param name="randomLength">How many random characters precede the checksum (30 for GitHub and npm).</param>
    public Crc32Base62Validator(int randomLength) => _randomLength = randomLength;

    public bool IsValid(string text, int index, int length)
    {
        var checksumStart = index + length - ChecksumLength;
        var randomStart = checksumStart - _randomLength;
        if (randomStart < index)
        {
            return false;
        }

        var crc = Crc32.Compute(text, randomStart, _randomLength);
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            if (text[checksumStart + i] != Base62Alphabet[(int)(crc % 62)])
            {
                return false;
            }

            crc /= 62;
        }

        return true;
    }
}

/// <summary>
/// Microsoft's identifiable keys (Azure Storage <c>+ASt</c>, Cosmos DB <c>ACDb</c>, Service Bus
/// <c>+ASb</c>, Event Hubs <c>+AEh</c>, Relay <c>+ARm</c>): the key decodes from base64 to random bytes and
/// a signature, followed by a 4-byte little-endian Marvin32 checksum of everything before it. The seed
/// depends on the service and the key kind, so several may be tried.
/// </summary>
public sealed class IdentifiableKeyValidator : ISecretValidator
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    private readonly ulong[] _seeds;

    /// <param name="seeds">8-character ASCII seeds, e.g. <c>Default0</c> for storage accounts.</param>
    public IdentifiableKeyValidator(params string[] seeds)
    {
        if (seeds is null || seeds.Length == 0)
        {
            throw NotSeeds();
        }

        // A loop, not LINQ: built with the catalog, once per compiler process, where a Select over
        // ulong is one more generic instantiation to JIT before the first scan.
        _seeds = new ulong[seeds.Length];
        for (var i = 0; i < seeds.Length; i++)
        {
            if (seeds[i] is null || seeds[i].Length != 8)
            {
                throw NotSeeds();
            }

            _seeds[i] = Marvin32.Seed(seeds[i]);
        }
    }

    private static ArgumentException NotSeeds() => new("Seeds are 8 ASCII characters.", "seeds");

    public bool IsValid(string text, int index, int length)
    {
        var buffer = t_buffer ??= new byte[96];
        if (!Base64Decoder.TryDecode(text, index, length, buffer, out var count) || count < 8)
        {
            return false;
        }

        var expected = buffer[count - 4] | (uint)buffer[count - 3] << 8 | (uint)buffer[count - 2] << 16 | (uint)buffer[count - 1] << 24;
        foreach (var seed in _seeds)
        {
            if (Marvin32.Compute(buffer, 0, count - 4, seed) == expected)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Rejects values made only of hexadecimal digits. A 32- or 40-character hex string is far more often
/// a hash, a GUID without dashes or a commit id than a key of a format whose alphabet is wider.
/// </summary>
public sealed class NotHexValidator : ISecretValidator
{
    public static NotHexValidator Instance { get; } = new();

    public bool IsValid(string text, int index, int length)
    {
        for (var i = index; i < index + length; i++)
        {
            var c = text[i];
            var hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex)
            {
                return true;
            }
        }

        return false;
    }
}
