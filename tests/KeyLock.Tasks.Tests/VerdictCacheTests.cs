using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Tests.Infrastructure;
using KeyLock.TestSupport;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// The verdict cache (VerdictStore): passes from an earlier build are reused only for files the kernel says are unchanged
/// (inode, ctime); any write after a cached pass is caught by the next build even when the write time is put back.
/// Linux only: elsewhere there is no kernel identity and nothing is cached across builds.
/// </summary>
public sealed class VerdictCacheTests : IDisposable
{
    private const string Newtonsoft = "Newtonsoft.Json";
    private const string NewtonsoftVersion = "13.0.3";
    private const string NewtonsoftDll = "lib/net6.0/Newtonsoft.Json.dll";

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string AssetsPath => Path.Combine(_ws.ProjectDirectory, "obj", "project.assets.json");

    private string CachePath => Path.Combine(_ws.ProjectDirectory, "obj", "Debug", "keylock.verdicts");

    [Fact]
    public void Verdicts_of_settled_files_are_saved_and_reused_by_the_next_build()
    {
        Arrange();

        var first = Build(out var firstEngine);
        Assert.True(first, Errors(firstEngine));
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var saved = File.ReadAllLines(CachePath);
        Assert.Equal(VerdictStore.Header, saved[0]);
        Assert.Contains(saved, l => l.Contains("\tH\t", StringComparison.Ordinal));
        Assert.Contains(saved, l => l.Contains("\tP\tX|", StringComparison.Ordinal));
        Assert.Contains(saved, l => l.Contains("\tP\tS|", StringComparison.Ordinal));

        Assert.True(Build(out var second), Errors(second));
        Assert.Contains(second.Messages, m => (m.Message ?? string.Empty).Contains("3 verdict(s) from earlier builds", StringComparison.Ordinal));
    }

    [Fact]
    public void Archive_changed_after_a_cached_pass_is_KL5003_even_with_the_write_time_put_back()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));

        TestPackage.FlipByteKeepingStamp(TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion));

        Assert.False(Build(out var second));
        Assert.Contains(second.Errors, e => e.Code == "KL5003" || e.Code == "KL5005");
    }

    [Fact]
    public void Extracted_file_changed_after_a_cached_pass_is_KL5008_even_with_the_write_time_put_back()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));

        var dll = Path.Combine(TestPackage.VersionFolder(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion), NewtonsoftDll.Replace('/', Path.DirectorySeparatorChar));
        TestPackage.FlipByteKeepingStamp(dll);

        Assert.False(Build(out var second));
        Assert.Equal("KL5008", Assert.Single(second.Errors).Code);
    }

    [Fact]
    public void Archive_replaced_by_another_file_with_the_same_size_and_times_is_caught()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));

        // Swap in a copy with one byte flipped and every timestamp user space can set put back: a new inode and ctime.
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        var copy = nupkg + ".swap";
        File.Copy(nupkg, copy);
        TestPackage.FlipByteKeepingStamp(copy);
        File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(nupkg));
        File.Move(copy, nupkg, overwrite: true);

        Assert.False(Build(out var second));
        Assert.Contains(second.Errors, e => e.Code == "KL5003" || e.Code == "KL5005");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cache\n")]
    [InlineData("KeyLock verdict cache v1\tstale\tstale\nend\t0\n")]
    public void Missing_malformed_or_foreign_cache_files_mean_full_verification(string content)
    {
        Arrange();
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllText(CachePath, content);

        Assert.True(Build(out var engine), Errors(engine));
        Assert.Contains(engine.Messages, m => (m.Message ?? string.Empty).Contains("0 verdict(s) from earlier builds", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_cache_file_is_ignored_whole()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var lines = File.ReadAllLines(CachePath);
        File.WriteAllLines(CachePath, lines.Take(lines.Length - 1));

        Assert.True(Build(out var second), Errors(second));
        Assert.Contains(second.Messages, m => (m.Message ?? string.Empty).Contains("0 verdict(s) from earlier builds", StringComparison.Ordinal));
    }

    [Fact]
    public void Recently_changed_files_are_not_saved()
    {
        Arrange(settle: false);

        Assert.True(Build(out var engine), Errors(engine));

        Assert.DoesNotContain(File.ReadAllLines(CachePath), l => l.Contains(Newtonsoft.ToLowerInvariant(), StringComparison.Ordinal));
    }

    private void Arrange(bool settle = true)
    {
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        File.Copy(PackageFiles.RealSignedPackage(Newtonsoft, NewtonsoftVersion), nupkg);
        PackageFiles.Extract(nupkg);
        PackageFiles.WriteMetadata(nupkg, "https://api.nuget.org/v3/index.json");
        var entry = new LockEntry(Newtonsoft, NewtonsoftVersion, ContentHasher.Compute(nupkg, CancellationToken.None));
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);
        if (settle)
        {
            // Only files unchanged for FileStamp.SettleTime are cached across builds.
            Thread.Sleep(FileStamp.SettleTime + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>One build: a fresh engine, so nothing is shared with the previous build except the cache file.</summary>
    private bool Build(out FakeBuildEngine engine)
    {
        engine = new FakeBuildEngine();
        var task = _ws.CreateTask(engine);
        task.ProjectAssetsFile = AssetsPath;
        task.VerificationCacheFile = Path.Combine("obj", "Debug", "keylock.verdicts");
        return task.Execute();
    }

    private static string Errors(FakeBuildEngine engine) => string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message));
}
