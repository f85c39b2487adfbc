using System.IO.Compression;
using System.Text;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>Writes small unsigned .nupkg files into a NuGet-style packages folder at test time.</summary>
internal static class TestPackage
{
    /// <summary>
    /// Creates &lt;folder&gt;/&lt;id&gt;/&lt;version&gt;/&lt;id&gt;.&lt;version&gt;.nupkg (lower case) plus the
    /// .nupkg.metadata marker NuGet writes. Returns the archive path.
    /// </summary>
    public static string Create(string packagesFolder, string id, string version, string payload = "original", bool writeMetadata = true)
    {
        var versionFolder = VersionFolder(packagesFolder, id, version);
        Directory.CreateDirectory(versionFolder);
        var nupkg = NupkgPath(packagesFolder, id, version);
        WriteArchive(nupkg, id, version, payload);
        if (writeMetadata)
        {
            // Deliberately a wrong hash: KeyLock must never trust this file.
            File.WriteAllText(Path.Combine(versionFolder, ".nupkg.metadata"), "{\"version\":2,\"contentHash\":\"bm90LXRoZS1oYXNo\",\"source\":null}");
        }

        return nupkg;
    }

    public static string VersionFolder(string packagesFolder, string id, string version) =>
        Path.Combine(packagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());

    public static string NupkgPath(string packagesFolder, string id, string version) =>
        Path.Combine(VersionFolder(packagesFolder, id, version), $"{id}.{version}.nupkg".ToLowerInvariant());

    public static void WriteArchive(string path, string id, string version, string payload)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        var nuspec = zip.CreateEntry(id + ".nuspec");
        using (var writer = new StreamWriter(nuspec.Open(), new UTF8Encoding(false)))
        {
            writer.Write(
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">" +
                $"<metadata><id>{id}</id><version>{version}</version><authors>test</authors><description>test package</description></metadata></package>");
        }

        var lib = zip.CreateEntry($"lib/net10.0/{id}.dll");
        using (var writer = new StreamWriter(lib.Open()))
        {
            writer.Write(payload);
        }
    }

    /// <summary>Adds a (fake) signature entry as the last entry, the way a repository signature is added to a package.</summary>
    public static void AppendSignatureEntry(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.CreateEntry(".signature.p7s", CompressionLevel.NoCompression);
        using var stream = entry.Open();
        stream.Write(Encoding.ASCII.GetBytes("not really a PKCS#7 blob"));
    }

    /// <summary>Changes one byte inside the archive, leaving length and last-write time as they were.</summary>
    public static void FlipByteKeepingStamp(string path)
    {
        var writeTime = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, writeTime);
    }
}
