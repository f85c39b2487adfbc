namespace KeyLock.IntegrationTests;

/// <summary>
/// Builds that run at the same time over one global packages folder, as CI jobs on a shared agent do: each must get a
/// correct pass or a clear KL error, never a crash, a hang or a pass over bytes it did not check. KeyLock writes nothing
/// into the packages folder (its caches live in each project's obj/), so what is shared is NuGet's extraction and
/// KeyLock's reads of the same files.
/// </summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class SharedPackagesFolderBuildTests(PackedKeyLock keyLock)
{
    private const int Builds = 3;

    [Fact]
    public async Task Builds_at_once_restore_into_one_empty_folder_and_pass_then_each_reports_a_tampered_archive()
    {
        var packages = Path.Combine(keyLock.Root, "shared-packages");
        var consumers = Enumerable.Range(1, Builds).Select(i => ConsumerProject.Create(keyLock, $"shared-{i}", Programs.Clean)).ToArray();

        // Cold: every build restores into the empty folder while the others extract and verify the same packages.
        foreach (var build in await BuildAllAtOnce(consumers, packages))
        {
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains("KeyLock: verified 2 packages", build.Output);
            Assert.DoesNotContain("error KL", build.Output);
        }

        var version = ConsumerProject.NewtonsoftVersion;
        Tamper.FlipMiddleByte(Path.Combine(packages, "newtonsoft.json", version, $"newtonsoft.json.{version}.nupkg"));

        foreach (var build in await BuildAllAtOnce(consumers, packages))
        {
            Assert.True(build.ExitCode == 1, build.ToString());
            Assert.Contains("error KL5003", build.Output);
            Assert.Contains($"Newtonsoft.Json {version}", build.Output);
            Assert.DoesNotContain("KeyLock: verified", build.Output);
        }
    }

    private static async Task<DotNetResult[]> BuildAllAtOnce(ConsumerProject[] consumers, string packagesFolder)
    {
        // Each on its own thread, released together: the pool would start them one after another on two cores.
        using var start = new Barrier(consumers.Length);
        var builds = consumers
            .Select(consumer => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return DotNetCli.Run(consumer.Directory, packagesFolder, "build", "-nologo");
                },
                TaskCreationOptions.LongRunning))
            .ToArray();
        return await Task.WhenAll(builds);
    }
}
