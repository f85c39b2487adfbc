using System.IO.Compression;
using System.Reflection;
using NuGet.Frameworks;
using NuGet.ProjectModel;
using NuGet.Versioning;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>Writes an obj/project.assets.json with NuGet's own writer, listing the files the build consumes per package.</summary>
internal sealed class AssetsFileText
{
    private readonly LockFile _file = new() { Version = 3 };

    public AssetsFileText Target(string framework, string? runtimeIdentifier, params (string Id, string Version, string[] Files)[] packages)
    {
        var target = new LockFileTarget { TargetFramework = NuGetFramework.Parse(framework), RuntimeIdentifier = runtimeIdentifier };
        foreach (var (id, version, files) in packages)
        {
            var library = new LockFileTargetLibrary { Name = id, Version = NuGetVersion.Parse(version), Type = "package" };
            foreach (var file in files)
            {
                if (file.StartsWith("build", StringComparison.Ordinal))
                {
                    library.Build.Add(new LockFileItem(file));
                }
                else
                {
                    library.CompileTimeAssemblies.Add(new LockFileItem(file));
                    library.RuntimeAssemblies.Add(new LockFileItem(file));
                }
            }

            target.Libraries.Add(library);
            if (!_file.Libraries.Any(l => l.Name == id && l.Version == library.Version))
            {
                _file.Libraries.Add(new LockFileLibrary
                {
                    Name = id,
                    Version = library.Version,
                    Type = "package",
                    Path = $"{id.ToLowerInvariant()}/{version.ToLowerInvariant()}",
                    Files = files.ToList(),
                });
            }
        }

        _file.Targets.Add(target);
        return this;
    }

    /// <summary>The package sources restore used (<c>project.restore.sources</c>), as NuGet records them.</summary>
    public AssetsFileText Sources(params string[] sources)
    {
        // NuGet's writer leaves out the restore section of a project without a name and path.
        var project = Path.Combine(Path.GetTempPath(), "project", "project.csproj");
        _file.PackageSpec = new PackageSpec
        {
            RestoreMetadata = new ProjectRestoreMetadata
            {
                ProjectStyle = ProjectStyle.PackageReference,
                ProjectUniqueName = project,
                ProjectName = "project",
                ProjectPath = project,
                OutputPath = Path.Combine(Path.GetDirectoryName(project)!, "obj"),
                Sources = sources.Select(source => new NuGet.Configuration.PackageSource(source)).ToList(),
            },
        };
        return this;
    }

    public string WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new LockFileFormat().Write(path, _file);
        return path;
    }
}

internal static class PackageFiles
{
    /// <summary>Extracts every entry of the archive into its version folder, as NuGet does (names unescaped).</summary>
    public static void Extract(string nupkg)
    {
        var folder = Path.GetDirectoryName(nupkg)!;
        using var zip = ZipFile.OpenRead(nupkg);
        foreach (var entry in zip.Entries)
        {
            var target = Path.Combine(folder, Uri.UnescapeDataString(entry.FullName));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }
    }

    /// <summary>The nuget.org-signed archive restore put in this test project's own packages folder.</summary>
    public static string RealSignedPackage(string id, string version)
    {
        var root = typeof(PackageFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "NuGetPackageRoot").Value!;
        var path = Path.Combine(root, id.ToLowerInvariant(), version, $"{id.ToLowerInvariant()}.{version}.nupkg");
        Assert.True(File.Exists(path), $"expected the signed package at {path}");
        return path;
    }

    public static void WriteMetadata(string nupkg, string? source) =>
        File.WriteAllText(
            Path.Combine(Path.GetDirectoryName(nupkg)!, ".nupkg.metadata"),
            "{\"version\":2,\"contentHash\":\"bm90LXRoZS1oYXNo\",\"source\":" + (source == null ? "null" : "\"" + source + "\"") + "}");
}
