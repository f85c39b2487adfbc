using KeyLock.TestSupport;

namespace KeyLock.IntegrationTests;

/// <summary>
/// Packs the real KeyLock nupkg once per test run, with a fresh version (re-packing one version with
/// other bytes would make consumers fail NU1403), into a private local feed.
/// </summary>
public sealed class PackedKeyLock : IDisposable
{
    public PackedKeyLock()
    {
        Root = Directory.CreateTempSubdirectory("keylock-it-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        // The test project references nupkg/KeyLock.csproj, so everything the package holds was built in
        // this configuration before any test ran. Packing without build or restore keeps this run from
        // rebuilding projects that other test assemblies are building or loading at the same time.
        var pack = DotNetCli.Run(
            RepositoryRoot,
            packagesFolder: null,
            "pack", Path.Combine(RepositoryRoot, "nupkg", "KeyLock.csproj"),
            "-c", BuildConfiguration, "--no-build", "--no-restore", "-o", Feed, $"-p:PackageVersion={Version}", "-nologo");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"Packing KeyLock failed:\n{pack}");
        }

        PackagePath = Path.Combine(Feed, $"KeyLock.{Version}.nupkg");
        if (!File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"Expected {PackagePath} after pack:\n{pack}");
        }
    }

    /// <summary>A temp folder that holds the feed and every consumer of this run.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string PackagePath { get; }

    public static string RepositoryRoot => RepositoryFiles.Root;

    /// <summary>The configuration this test assembly (and so the package's assemblies) was built in.</summary>
    private static string BuildConfiguration { get; } = typeof(PackedKeyLock).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "Configuration").Value!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing the run for.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedKeyLockCollection : ICollectionFixture<PackedKeyLock>
{
    public const string Name = "packed KeyLock";
}
