using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using KeyLock.TestSupport;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>A throwaway project directory with a global packages folder and a fallback folder.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace(string? name = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "keylock-tasks-tests", name ?? Guid.NewGuid().ToString("N"));
        ProjectDirectory = Path.Combine(Root, "src", "App");
        GlobalPackages = Path.Combine(Root, "nuget-packages");
        FallbackPackages = Path.Combine(Root, "fallback");
        Directory.CreateDirectory(ProjectDirectory);
        Directory.CreateDirectory(GlobalPackages);
        Directory.CreateDirectory(FallbackPackages);
    }

    public string Root { get; }

    public string ProjectDirectory { get; }

    public string GlobalPackages { get; }

    public string FallbackPackages { get; }

    public string DefaultLockFile => Path.Combine(ProjectDirectory, "packages.lock.json");

    /// <summary>Creates a package in the global packages folder and returns its lock entry with the right hash.</summary>
    public LockEntry AddPackage(string id, string version, string type = "Direct", string? folder = null)
    {
        var nupkg = TestPackage.Create(folder ?? GlobalPackages, id, version, payload: id + version);
        return new LockEntry(id, version, ContentHashes.Sha512Base64(nupkg), type);
    }

    /// <summary>The task as the targets call it: "$(NuGetPackageRoot);$(NuGetPackageFolders)" (root listed twice).</summary>
    public VerifyLockedPackages CreateTask(IBuildEngine engine, string projectName = "App", string? lockFilePath = null) =>
        new()
        {
            BuildEngine = engine,
            ProjectDirectory = ProjectDirectory,
            ProjectName = projectName,
            LockFilePath = lockFilePath,
            TrustedRootsDirectory = SdkTrustedRoots,
            PackageFolders = new ITaskItem[]
            {
                new TaskItem(GlobalPackages + Path.DirectorySeparatorChar),
                new TaskItem(GlobalPackages),
                new TaskItem(FallbackPackages),
            },
        };

    /// <summary>The running SDK's trustedroots folder (the trust roots `dotnet build` gives NuGet on Linux/macOS).</summary>
    public static string? SdkTrustedRoots { get; } = FindSdkTrustedRoots();

    private static string? FindSdkTrustedRoots()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(dotnet))
        {
            dotnet = Path.GetDirectoryName(Environment.ProcessPath);
        }

        var sdk = dotnet == null ? null : Path.Combine(dotnet, "sdk");
        if (sdk == null || !Directory.Exists(sdk))
        {
            return null;
        }

        return Directory.GetDirectories(sdk)
            .Select(d => Path.Combine(d, "trustedroots"))
            .Where(d => File.Exists(Path.Combine(d, "codesignctl.pem")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
