using KeyLock.Tasks.Incremental;
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
    private SignedPackageProject _project = null!;

    public void Dispose() => _project?.Dispose();

    private string CachePath => _project.CachePath;

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
        Assert.Contains(saved, l => l.Contains("\tF\t", StringComparison.Ordinal));

        // Without the pass record the next build verifies package by package, from the verdicts.
        File.Delete(FastPath.RecordPathFor(CachePath));
        Assert.True(Build(out var second), Errors(second));
        Assert.Contains(second.Messages, m => (m.Message ?? string.Empty).Contains("4 verdict(s) from earlier builds", StringComparison.Ordinal));
    }

    [Fact]
    public void Archive_changed_after_a_cached_pass_is_KL5003_even_with_the_write_time_put_back()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);

        Assert.False(Build(out var second));
        Assert.Contains(second.Errors, e => e.Code == "KL5003" || e.Code == "KL5005");
    }

    [Fact]
    public void Extracted_file_changed_after_a_cached_pass_is_KL5008_even_with_the_write_time_put_back()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));

        TestPackage.FlipByteKeepingStamp(_project.ConsumedDllPath);

        Assert.False(Build(out var second));
        Assert.Equal("KL5008", Assert.Single(second.Errors).Code);
    }

    [Fact]
    public void Archive_replaced_by_another_file_with_the_same_size_and_times_is_caught()
    {
        Arrange();
        Assert.True(Build(out var first), Errors(first));

        // Swap in a copy with one byte flipped and every timestamp user space can set put back: a new inode and ctime.
        var nupkg = _project.NupkgPath;
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
        File.Delete(FastPath.RecordPathFor(CachePath));

        Assert.True(Build(out var second), Errors(second));
        Assert.Contains(second.Messages, m => (m.Message ?? string.Empty).Contains("0 verdict(s) from earlier builds", StringComparison.Ordinal));
    }

    [Fact]
    public void Recently_changed_files_are_not_saved()
    {
        Arrange(settle: false);

        Assert.True(Build(out var engine), Errors(engine));

        Assert.DoesNotContain(File.ReadAllLines(CachePath), l => l.Contains(SignedPackageProject.Id.ToLowerInvariant(), StringComparison.Ordinal));
    }

    private void Arrange(bool settle = true) => _project = new SignedPackageProject(settle);

    private bool Build(out FakeBuildEngine engine) => _project.Build(out engine);

    private static string Errors(FakeBuildEngine engine) => SignedPackageProject.Errors(engine);
}
