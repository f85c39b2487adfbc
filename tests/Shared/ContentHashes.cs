using System.Security.Cryptography;

namespace KeyLock.TestSupport;

/// <summary>Lock-file content hashes computed independently of NuGet and of KeyLock.</summary>
internal static class ContentHashes
{
    /// <summary>SHA-512 of the whole file, base64: NuGet's content hash for an unsigned package.</summary>
    public static string Sha512Base64(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }
}
