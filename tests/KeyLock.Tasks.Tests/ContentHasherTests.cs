using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Tests.Infrastructure;
using KeyLock.TestSupport;

namespace KeyLock.Tasks.Tests;

public sealed class ContentHasherTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Unsigned_package_hash_is_sha512_of_the_file()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Alpha", "1.0.0");

        Assert.Equal(ContentHashes.Sha512Base64(nupkg), ContentHasher.Compute(nupkg, CancellationToken.None));
    }

    [Fact]
    public void Signature_entry_is_left_out_like_NuGet_does()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Alpha", "1.0.0");
        var beforeSigning = ContentHashes.Sha512Base64(nupkg);

        TestPackage.AppendSignatureEntry(nupkg);

        Assert.NotEqual(beforeSigning, ContentHashes.Sha512Base64(nupkg));
        Assert.Equal(beforeSigning, ContentHasher.Compute(nupkg, CancellationToken.None));
    }

    [Fact]
    public void Hash_files_next_to_the_archive_are_never_trusted()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Alpha", "1.0.0");
        var real = ContentHashes.Sha512Base64(nupkg);
        File.WriteAllText(nupkg + ".sha512", "Zm9yZ2Vk");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(nupkg)!, ".nupkg.metadata"), "{\"version\":2,\"contentHash\":\"Zm9yZ2Vk\"}");

        Assert.Equal(real, ContentHasher.Compute(nupkg, CancellationToken.None));
    }

    [Fact]
    public void Signed_package_passes_the_task_with_the_pre_signing_hash()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Signed", "1.0.0");
        var lockHash = ContentHashes.Sha512Base64(nupkg);
        TestPackage.AppendSignatureEntry(nupkg);
        new LockFileText().Target("net10.0", new LockEntry("Signed", "1.0.0", lockHash)).WriteTo(_ws.DefaultLockFile);
        var engine = new FakeBuildEngine();

        var task = _ws.CreateTask(engine);
        task.VerifySignatures = false;

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Garbage_signature_keeps_the_content_hash_but_fails_signature_verification_with_KL6002()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Signed", "1.0.0");
        var lockHash = ContentHashes.Sha512Base64(nupkg);
        TestPackage.AppendSignatureEntry(nupkg);
        new LockFileText().Target("net10.0", new LockEntry("Signed", "1.0.0", lockHash)).WriteTo(_ws.DefaultLockFile);
        var engine = new FakeBuildEngine();

        Assert.False(_ws.CreateTask(engine).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("KL6002", error.Code);
        Assert.Contains("Signed 1.0.0", error.Message);
    }

    [Fact]
    public void Not_a_zip_throws_InvalidDataException()
    {
        var path = Path.Combine(_ws.GlobalPackages, "junk.nupkg");
        File.WriteAllText(path, "junk");

        Assert.Throws<InvalidDataException>(() => ContentHasher.Compute(path, CancellationToken.None));
    }
}
