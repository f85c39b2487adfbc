using System.Collections.Concurrent;

namespace KeyLock.IntegrationTests;

/// <summary>
/// One clean consumer per packed KeyLock (nuget.org-signed Newtonsoft.Json and KeyLock in its private packages folder),
/// restored and built once, and restored copies of it for tests that tamper with a package after restore the way a
/// poisoned CI cache or a shared agent would.
/// </summary>
internal static class RestoredConsumers
{
    private static readonly ConcurrentDictionary<string, Lazy<(ConsumerProject Consumer, DotNetResult Build)>> Baselines = new();

    /// <summary>The clean consumer and its first build (restore included).</summary>
    public static (ConsumerProject Consumer, DotNetResult Build) Baseline(PackedKeyLock keyLock) =>
        Baselines.GetOrAdd(keyLock.Root, _ => new Lazy<(ConsumerProject, DotNetResult)>(() =>
        {
            var consumer = ConsumerProject.Create(keyLock, "supply-chain-baseline", Programs.Clean);
            return (consumer, consumer.Build());
        })).Value;

    /// <summary>A restored copy of the clean consumer, tampered after restore (so `--no-restore` builds see the tamper).</summary>
    public static ConsumerProject Tampered(PackedKeyLock keyLock, string name, Action<ConsumerProject> tamper)
    {
        var (baseline, build) = Baseline(keyLock);
        Assert.True(build.ExitCode == 0, build.ToString());
        var copy = baseline.CopyTo(name);
        var restore = copy.Restore();
        Assert.True(restore.ExitCode == 0, restore.ToString());
        tamper(copy);
        return copy;
    }
}
