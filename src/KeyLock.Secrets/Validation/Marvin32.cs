namespace KeyLock.Secrets.Validation;

/// <summary>
/// Marvin32, the seeded checksum Microsoft's identifiable keys carry (also .NET's string hash). Written
/// from the published algorithm: 32-bit little-endian words are added to one half of a 64-bit state and
/// mixed by four add/xor/rotate steps; the tail is padded with 0x80; the result is the xor of the halves.
/// </summary>
internal static class Marvin32
{
    public static uint Compute(byte[] data, int offset, int count, ulong seed)
    {
        var p0 = (uint)seed;
        var p1 = (uint)(seed >> 32);
        var i = offset;
        var end = offset + count;
        for (; end - i >= 4; i += 4)
        {
            p0 += data[i] | (uint)data[i + 1] << 8 | (uint)data[i + 2] << 16 | (uint)data[i + 3] << 24;
            Mix(ref p0, ref p1);
        }

        var tail = (end - i) switch
        {
            0 => 0x80u,
            1 => 0x8000u | data[i],
            2 => 0x800000u | data[i] | (uint)data[i + 1] << 8,
            _ => 0x80000000u | data[i] | (uint)data[i + 1] << 8 | (uint)data[i + 2] << 16,
        };
        p0 += tail;
        Mix(ref p0, ref p1);
        Mix(ref p0, ref p1);
        return p0 ^ p1;
    }

    /// <summary>An 8-character ASCII seed such as <c>Default0</c>, read as a big-endian 64-bit number.</summary>
    public static ulong Seed(string ascii)
    {
        ulong seed = 0;
        foreach (var c in ascii)
        {
            seed = seed << 8 | (byte)c;
        }

        return seed;
    }

    private static void Mix(ref uint p0, ref uint p1)
    {
        p1 ^= p0;
        p0 = Rotate(p0, 20);
        p0 += p1;
        p1 = Rotate(p1, 9);
        p1 ^= p0;
        p0 = Rotate(p0, 27);
        p0 += p1;
        p1 = Rotate(p1, 19);
    }

    private static uint Rotate(uint value, int count) => value << count | value >> (32 - count);
}
