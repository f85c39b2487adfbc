using KeyLock.TestSupport;

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

    /// <summary>
    /// Removes the signature of a cached <paramref name="nupkg"/> and NuGet's extracted copy of it: the archive is then its
    /// pre-signing bytes, so the lock file's content hash still matches.
    /// </summary>
    public static void StripSignature(string nupkg)
    {
        NupkgSurgery.StripSignature(nupkg, nupkg + ".stripped");
        File.Move(nupkg + ".stripped", nupkg, overwrite: true);
        File.Delete(Path.Combine(Path.GetDirectoryName(nupkg)!, ".signature.p7s"));
    }
}
