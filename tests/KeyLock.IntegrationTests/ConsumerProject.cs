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

    public DotNetResult Build(params string[] extraArguments) =>
        DotNetCli.Run(Directory, PackagesFolder, ["build", "-nologo", .. extraArguments]);

    /// <summary>The cached archive of a package in this consumer's packages folder.</summary>
    public string CachedArchive(string id, string version) =>
        Path.Combine(PackagesFolder, id.ToLowerInvariant(), version, $"{id.ToLowerInvariant()}.{version}.nupkg");
}
