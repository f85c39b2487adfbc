namespace KeyLock.Secrets.Validation;

/// <summary>CRC-32 (IEEE 802.3 / zlib: reflected polynomial 0xEDB88320) over ASCII characters.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(string text, int index, int length)
    {
        var crc = 0xFFFFFFFFu;
        for (var i = index; i < index + length; i++)
        {
            crc = Table[(crc ^ (byte)text[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
