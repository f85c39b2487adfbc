namespace KeyLock.IntegrationTests;

/// <summary>
/// A throwaway consumer project in its own temp folder, with its own packages folder, that references
/// the freshly packed KeyLock from the local feed exactly as a user would.
/// </summary>
public sealed class ConsumerProject
{
    public const string NewtonsoftVersion = "13.0.3";

    private ConsumerProject(string directory)
    {
        Directory = directory;
        PackagesFolder = Path.Combine(directory, ".packages");
    }

    public string Directory { get; }

    /// <summary>This consumer's private global packages folder (NUGET_PACKAGES).</summary>
    public string PackagesFolder { get; }

    public static ConsumerProject Create(PackedKeyLock keyLock, string name, string programSource, bool withLockFile = true)
    {
        var directory = Path.Combine(keyLock.Root, name);
        System.IO.Directory.CreateDirectory(directory);
        var project = new ConsumerProject(directory);

        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="keylock-under-test" value="{keyLock.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesWithLockFile>{(withLockFile ? "true" : "false")}</RestorePackagesWithLockFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KeyLock" Version="{keyLock.Version}" PrivateAssets="all" />
                <PackageReference Include="Newtonsoft.Json" Version="{NewtonsoftVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource);
        return project;
    }

    /// <summary>
    /// A copy of this consumer (sources, lock file and its private packages folder, without bin/obj) in a sibling folder,
    /// so a test can tamper with a restored state without paying for another cold restore and build.
    /// </summary>
    public ConsumerProject CopyTo(string name)
    {
        var target = Path.Combine(Path.GetDirectoryName(Directory)!, name);
        CopyDirectory(Directory, target);
        return new ConsumerProject(target);
    }

    public DotNetResult Restore(params string[] extraArguments) =>
        DotNetCli.Run(Directory, PackagesFolder, ["restore", "-nologo", .. extraArguments]);

    public string LockFile => Path.Combine(Directory, "packages.lock.json");

    /// <summary>A file extracted into this consumer's packages folder, e.g. ("Newtonsoft.Json", "13.0.3", "lib/net6.0/Newtonsoft.Json.dll").</summary>
    public string ExtractedFile(string id, string version, string relativePath) =>
        Path.Combine(PackagesFolder, id.ToLowerInvariant(), version, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static void CopyDirectory(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj")
            {
                continue;
            }

            CopyDirectory(directory, Path.Combine(target, name));
        }
    }

    /// <summary>A consumer with extra files (relative path → content) next to Program.cs, e.g. an appsettings.json.</summary>
    public static ConsumerProject Create(PackedKeyLock keyLock, string name, string programSource, IReadOnlyDictionary<string, string> extraFiles)
    {
        var project = Create(keyLock, name, programSource);
        foreach (var (relativePath, content) in extraFiles)
        {
            var path = Path.Combine(project.Directory, relativePath);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return project;
    }

    public DotNetResult Build(params string[] extraArguments) =>
        DotNetCli.Run(Directory, PackagesFolder, ["build", "-nologo", .. extraArguments]);

    /// <summary>The cached archive of a package in this consumer's packages folder.</summary>
    public string CachedArchive(string id, string version) =>
        Path.Combine(PackagesFolder, id.ToLowerInvariant(), version, $"{id.ToLowerInvariant()}.{version}.nupkg");
}
