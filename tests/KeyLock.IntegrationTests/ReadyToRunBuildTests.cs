using System.Collections.Concurrent;
using System.Text.Json;

namespace KeyLock.IntegrationTests;

/// <summary>
/// Which KeyLock assemblies a consumer's build loads (build/KeyLock.targets): the ReadyToRun images for the runtime the SDK
/// runs on in command-line builds, the portable ones in IDE design-time builds and when turned off. That the images report
/// the same diagnostics and findings is what every other build test here shows, on this machine's runtime.
/// </summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class ReadyToRunBuildTests(PackedKeyLock keyLock)
{
    // One restored consumer per packed KeyLock; the analyzer tests evaluate it, the task tests build it.
    private static readonly ConcurrentDictionary<string, Lazy<ConsumerProject>> Restored = new();

    [Fact]
    public void Command_line_build_gives_the_compiler_the_ReadyToRun_images_for_this_runtime()
    {
        var analyzers = KeyLockAnalyzers(Consumer());

        var expectedFolder = ReadyToRunImages.ForThisRuntime ? $"r2r/{ReadyToRunImages.ThisRuntime}/" : "analyzers/dotnet/cs/";
        Assert.Equal(ReadyToRunImages.Assemblies, analyzers.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(analyzers, path => Assert.Contains(expectedFolder, path.Replace('\\', '/')));
    }

    [Theory]
    [InlineData("-p:DesignTimeBuild=true")]
    [InlineData("-p:KeyLockReadyToRunAnalyzers=false")]
    public void Design_time_builds_and_the_opt_out_keep_the_portable_assemblies(string property)
    {
        var analyzers = KeyLockAnalyzers(Consumer(), property);

        Assert.Equal(ReadyToRunImages.Assemblies, analyzers.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(analyzers, path => Assert.Contains("analyzers/dotnet/cs/", path.Replace('\\', '/')));
    }

    [Fact]
    public void Command_line_build_runs_the_task_image_for_this_runtime()
    {
        var expected = ReadyToRunImages.ForThisRuntime ? ReadyToRunImages.TaskImage(ReadyToRunImages.ThisRuntime) : ReadyToRunImages.PortableTask;

        Assert.EndsWith(expected, VerifyingTaskAssembly(Consumer()));
    }

    [Fact]
    public void The_opt_out_runs_the_portable_task()
    {
        Assert.EndsWith(ReadyToRunImages.PortableTask, VerifyingTaskAssembly(Consumer(), "-p:KeyLockReadyToRunTask=false"));
    }

    private ConsumerProject Consumer() =>
        Restored.GetOrAdd(keyLock.Root, _ => new Lazy<ConsumerProject>(() =>
        {
            var consumer = ConsumerProject.Create(keyLock, "r2r-selection", Programs.Clean);
            var restore = consumer.Restore();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            return consumer;
        })).Value;

    /// <summary>
    /// Builds the consumer, which must pass with KeyLock's summary, and returns the file MSBuild loaded the verification
    /// task from, as its own log says.
    /// </summary>
    private static string VerifyingTaskAssembly(ConsumerProject consumer, params string[] properties)
    {
        var build = consumer.Build(["-v:d", .. properties]);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("KeyLock: verified", build.Output);
        const string marker = "Using \"VerifyLockedPackages\" task from assembly \"";
        var start = build.Output.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, build.ToString());
        start += marker.Length;
        return Path.GetFullPath(build.Output[start..build.Output.IndexOf('"', start)]).Replace('\\', '/');
    }

    /// <summary>The Analyzer items from KeyLock's package once the SDK and KeyLock have chosen them (before Csc).</summary>
    private static string[] KeyLockAnalyzers(ConsumerProject consumer, params string[] properties)
    {
        var result = DotNetCli.Run(consumer.Directory, consumer.PackagesFolder, ["msbuild", "-nologo", "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer", .. properties]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]);
        return json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .Where(path => path.Contains($"{Path.DirectorySeparatorChar}keylock{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
    }
}
