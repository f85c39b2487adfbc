using System.IO.Compression;
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
}
