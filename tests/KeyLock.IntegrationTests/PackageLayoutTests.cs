using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace KeyLock.IntegrationTests;

[Collection(PackedKeyLockCollection.Name)]
public sealed class PackageLayoutTests(PackedKeyLock keyLock)
{
    [Fact]
    public void Feed_holds_exactly_one_KeyLock_package_with_the_requested_version()
    {
        var packages = Directory.GetFiles(keyLock.Feed, "*.nupkg");

        Assert.Equal([keyLock.PackagePath], packages);
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/KeyLock.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/KeyLock.CodeFixes.dll")]
    [InlineData("analyzers/dotnet/cs/KeyLock.Secrets.dll")]
    [InlineData("build/KeyLock.props")]
    [InlineData("build/KeyLock.targets")]
    [InlineData("tasks/net10.0/KeyLock.Tasks.dll")]
    [InlineData("tasks/net10.0/NuGet.Packaging.dll")]
    [InlineData("tasks/net10.0/NuGet.ProjectModel.dll")]
    [InlineData("tasks/net472/KeyLock.Tasks.dll")]
    [InlineData("tasks/net472/NuGet.Packaging.dll")]
    [InlineData("tasks/net472/NuGet.ProjectModel.dll")]
    public void Package_contains(string entry)
    {
        using var archive = ZipFile.OpenRead(keyLock.PackagePath);

        Assert.Contains(entry, archive.Entries.Select(e => e.FullName));
    }

    public static TheoryData<string> ReadyToRunRuntimes => new(ReadyToRunAnalyzers.Runtimes);

    [Theory]
    [MemberData(nameof(ReadyToRunRuntimes))]
    public void Package_holds_ReadyToRun_images_of_the_compiler_assemblies_for(string runtime)
    {
        using var archive = ZipFile.OpenRead(keyLock.PackagePath);

        foreach (var assembly in ReadyToRunAnalyzers.Assemblies)
        {
            Assert.True(IsReadyToRun(archive, $"r2r/{runtime}/{assembly}"), $"r2r/{runtime}/{assembly} is not a ReadyToRun image");
            Assert.False(IsReadyToRun(archive, $"analyzers/dotnet/cs/{assembly}"), $"analyzers/dotnet/cs/{assembly} must stay portable IL");
        }
    }

    [Fact]
    public void Package_is_a_development_dependency_without_dependencies_or_lib()
    {
        using var archive = ZipFile.OpenRead(keyLock.PackagePath);
        using var nuspecStream = archive.GetEntry("KeyLock.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies");
        Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
    }

    // Precompiled code is found through the CLI header's managed native header; IL-only assemblies have none.
    private static bool IsReadyToRun(ZipArchive archive, string entry)
    {
        using var memory = new MemoryStream();
        using (var stream = (archive.GetEntry(entry) ?? throw new InvalidOperationException($"{entry} is not in the package")).Open())
        {
            stream.CopyTo(memory);
        }

        memory.Position = 0;
        using var pe = new PEReader(memory);
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}
