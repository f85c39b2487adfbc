namespace KeyLock.IntegrationTests;

/// <summary>What an attacker with write access to the packages folder does to a cached file.</summary>
internal static class Tamper
{
    /// <summary>Inverts the byte in the middle of <paramref name="path"/>: the smallest change a hash must catch.</summary>
    public static void FlipMiddleByte(string path)
    {
        using var stream = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = stream.Length / 2;
        var original = stream.ReadByte();
        stream.Position--;
        stream.WriteByte((byte)~original);
    }
}
