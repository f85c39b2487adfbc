using KeyLock.Tasks.Incremental;
using KeyLock.Tasks.Packages;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>
/// A project locked to one real nuget.org-signed package (Newtonsoft.Json 13.0.3), extracted and restored like NuGet does,
/// with a verdict cache under obj/Debug. Each <see cref="Build"/> uses a fresh engine, so the only thing two builds share is
/// what is on disk (verdict cache, pass record).
/// </summary>
internal sealed class SignedPackageProject : IDisposable
{
    public const string Id = "Newtonsoft.Json";
    public const string Version = "13.0.3";
    public const string ConsumedDll = "lib/net6.0/Newtonsoft.Json.dll";

    /// <param name="settle">Wait until the files are old enough for cross-build verdicts (kernel identities).</param>
    /// <param name="changeDetection">$(KeyLockChangeDetection) for every build; null is the default (auto).</param>
    public SignedPackageProject(bool settle = true, string? changeDetection = null)
    {
        ChangeDetection = changeDetection;
        Directory.CreateDirectory(Path.GetDirectoryName(NupkgPath)!);
        File.Copy(PackageFiles.RealSignedPackage(Id, Version), NupkgPath);
        PackageFiles.Extract(NupkgPath);
        PackageFiles.WriteMetadata(NupkgPath, "https://api.nuget.org/v3/index.json");
        WriteLockFile(ContentHasher.Compute(NupkgPath, CancellationToken.None));
        new AssetsFileText().Target("net10.0", null, (Id, Version, new[] { ConsumedDll })).WriteTo(AssetsPath);
        if (settle)
        {
            Settle();
        }
    }

    public Workspace Workspace { get; } = new();

    public string? ChangeDetection { get; }

    /// <summary>True when a passing build leaves a pass record: kernel identities on Linux, content digests anywhere.</summary>
    public bool RecordsPasses => OperatingSystem.IsLinux() || string.Equals(ChangeDetection, "content", StringComparison.Ordinal);

    public string AssetsPath => Path.Combine(Workspace.ProjectDirectory, "obj", "project.assets.json");

    public string CachePath => Path.Combine(Workspace.ProjectDirectory, "obj", "Debug", "keylock.verdicts");

    public string PassRecordPath => FastPath.RecordPathFor(CachePath);

    public string NupkgPath => TestPackage.NupkgPath(Workspace.GlobalPackages, Id, Version);

    public string ConsumedDllPath => Path.Combine(TestPackage.VersionFolder(Workspace.GlobalPackages, Id, Version), ConsumedDll.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Only files unchanged for FileStamp.SettleTime are cached across builds.</summary>
    public static void Settle() => Thread.Sleep(FileStamp.SettleTime + TimeSpan.FromSeconds(1));

    public void WriteLockFile(string contentHash) =>
        new LockFileText().Target("net10.0", new LockEntry(Id, Version, contentHash)).WriteTo(Workspace.DefaultLockFile);

    /// <summary>One build: a fresh engine; <paramref name="configure"/> sets task parameters.</summary>
    public bool Build(out FakeBuildEngine engine, Action<VerifyLockedPackages>? configure = null)
    {
        engine = new FakeBuildEngine();
        var task = CreateTask(engine);
        configure?.Invoke(task);
        return task.Execute();
    }

    /// <summary>The task as <see cref="Build"/> runs it, before <c>Execute</c>.</summary>
    public VerifyLockedPackages CreateTask(FakeBuildEngine engine)
    {
        var task = Workspace.CreateTask(engine);
        task.ProjectAssetsFile = AssetsPath;
        task.VerificationCacheFile = Path.Combine("obj", "Debug", "keylock.verdicts");
        task.ChangeDetectionMode = ChangeDetection;
        return task;
    }

    public static string Errors(FakeBuildEngine engine) => string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message));

    public void Dispose() => Workspace.Dispose();
}
