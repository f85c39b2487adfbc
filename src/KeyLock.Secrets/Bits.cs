namespace KeyLock.Secrets;

/// <summary>Bit helpers that netstandard2.0 lacks (no BitOperations).</summary>
internal static class Bits
{
    public static int PopCount(ulong value)
    {
        var count = 0;
        for (; value != 0; value &= value - 1)
        {
            count++;
        }

        return count;
    }
}
