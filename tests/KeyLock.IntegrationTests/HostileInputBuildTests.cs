using System.IO.Compression;
using KeyLock.TestSupport;

namespace KeyLock.IntegrationTests;

/// <summary>
/// Real `dotnet build`s over hostile package-folder and lock-file content (issue #5's list): a truncated archive, entries
/// that leave the package folder, a header that lies about an entry's size, and a lock entry restore never resolved.
/// Where an attack needs the lock file to agree with the archive (an attacker who poisoned the cache before the lock
/// file was written), the archive is first stripped of its signature (its bytes are then exactly what the lock hash
/// covers), edited, and the lock file's content hash rewritten to match; the missing nuget.org signature is reported
/// too (KL6001), and each test asserts its own code next to it.
/// </summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class HostileInputBuildTests(PackedKeyLock keyLock)
{
    private const string Newtonsoft = "Newtonsoft.Json";
    private const string Version = ConsumerProject.NewtonsoftVersion;
    private const string NewtonsoftDll = "lib/net6.0/Newtonsoft.Json.dll";

    [Fact]
    public void Truncated_archive_is_KL5005_naming_the_package()
    {
        var consumer = RestoredConsumers.Tampered(keyLock, "truncated-archive", c =>
        {
            var nupkg = c.CachedArchive(Newtonsoft, Version);
            File.WriteAllBytes(nupkg, File.ReadAllBytes(nupkg)[..(int)(new FileInfo(nupkg).Length / 2)]);
        });

        var build = consumer.Build("--no-restore");

        AssertFailsWith(build, "KL5005");
        Assert.Contains($"{Newtonsoft} {Version}", build.Output);
    }

    [Theory]
    [InlineData("dot-segments", "../../escape.targets", "'..' segment")]
    [InlineData("absolute", "/tmp/escape.targets", "absolute path")]
    public void Archive_entry_leaving_the_package_folder_is_KL5009_even_when_the_lock_hash_matches(string label, string entryName, string reason)
    {
        var consumer = RestoredConsumers.Tampered(keyLock, "escaping-entry-" + label, c => RewriteArchive(c, nupkg =>
        {
            using var archive = ZipFile.Open(nupkg, ZipArchiveMode.Update);
            using var writer = new StreamWriter(archive.CreateEntry(entryName).Open());
            writer.Write("<Project><Target Name=\"Escape\" /></Project>");
        }));

        var build = consumer.Build("--no-restore");

        AssertFailsWith(build, "KL5009");
        Assert.Contains($"{Newtonsoft} {Version}", build.Output);
        Assert.Contains(reason, build.Output);
        Assert.DoesNotContain("error KL5003", build.Output);
    }

    [Fact]
    public void Entry_header_declaring_a_huge_size_is_KL5008_decided_without_inflating()
    {
        var consumer = RestoredConsumers.Tampered(keyLock, "huge-declared-size", c => RewriteArchive(c, nupkg =>
            NupkgSurgery.PatchUncompressedSize(nupkg, NewtonsoftDll, uint.MaxValue - 1)));

        var build = consumer.Build("--no-restore");

        AssertFailsWith(build, "KL5008");
        Assert.Contains($"{Newtonsoft} {Version}", build.Output);
        Assert.Contains("4294967294 bytes in the archive", build.Output);
        Assert.DoesNotContain("error KL5003", build.Output);
    }

    [Fact]
    public void Lock_entry_that_restore_never_resolved_is_KL5007_naming_it()
    {
        var consumer = RestoredConsumers.Tampered(keyLock, "unknown-lock-entry", c =>
        {
            var text = File.ReadAllText(c.LockFile);
            var entry = text.IndexOf($"\"{Newtonsoft}\": {{", StringComparison.Ordinal);
            // A well-formed entry (a content hash of the right length) for a package nothing references.
            var unknown = $"\"Unknown.Package\": {{ \"type\": \"Transitive\", \"resolved\": \"1.0.0\", \"contentHash\": \"{Convert.ToBase64String(new byte[64])}\" }}, ";
            File.WriteAllText(c.LockFile, text.Insert(entry, unknown));
        });

        var build = consumer.Build("--no-restore");

        AssertFailsWith(build, "KL5007");
        Assert.Contains("pins Unknown.Package 1.0.0", build.Output);
    }

    private static void AssertFailsWith(DotNetResult build, string code)
    {
        Assert.True(build.ExitCode == 1, build.ToString());
        Assert.Contains($"error {code}", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);
        Assert.DoesNotContain("KeyLock: verified", build.Output);
    }

    /// <summary>
    /// Strips Newtonsoft.Json's signature, applies <paramref name="edit"/> to the archive and rewrites the lock file's
    /// content hash to the edited archive's (an unsigned archive's content hash is the SHA-512 of the whole file).
    /// </summary>
    private static void RewriteArchive(ConsumerProject consumer, Action<string> edit)
    {
        var nupkg = consumer.CachedArchive(Newtonsoft, Version);
        Tamper.StripSignature(nupkg);
        var lockedHash = ContentHashes.Sha512Base64(nupkg);
        var lockText = File.ReadAllText(consumer.LockFile);
        Assert.Contains(lockedHash, lockText);

        edit(nupkg);

        File.WriteAllText(consumer.LockFile, lockText.Replace(lockedHash, ContentHashes.Sha512Base64(nupkg)));
    }
}
