using System.IO.Compression;
using System.Reflection.Metadata;
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

    public static TheoryData<string> ReadyToRunRuntimes => new(ReadyToRunImages.Runtimes);

    [Theory]
    [MemberData(nameof(ReadyToRunRuntimes))]
    public void Package_holds_ReadyToRun_images_of_the_compiler_assemblies_for(string runtime)
    {
        using var archive = ZipFile.OpenRead(keyLock.PackagePath);

        foreach (var assembly in ReadyToRunImages.Assemblies)
        {
            Assert.True(IsReadyToRun(archive, $"r2r/{runtime}/{assembly}"), $"r2r/{runtime}/{assembly} is not a ReadyToRun image");
            Assert.False(IsReadyToRun(archive, $"analyzers/dotnet/cs/{assembly}"), $"analyzers/dotnet/cs/{assembly} must stay portable IL");
        }
    }

    [Theory]
    [MemberData(nameof(ReadyToRunRuntimes))]
    public void Package_holds_a_ReadyToRun_image_of_the_task_beside_the_portable_one_for(string runtime)
    {
        using var archive = ZipFile.OpenRead(keyLock.PackagePath);
        var image = ReadyToRunImages.TaskImage(runtime);

        Assert.True(IsReadyToRun(archive, image), $"{image} is not a ReadyToRun image");
        Assert.False(IsReadyToRun(archive, ReadyToRunImages.PortableTask), ReadyToRunImages.PortableTask + " must stay portable IL");
        Assert.Equal(AssemblyIdentity(archive, ReadyToRunImages.PortableTask), AssemblyIdentity(archive, image));
        // MSBuild's load context reads the deps.json named after the file it loads: the image's must be the task's.
        Assert.Equal(Bytes(archive, "tasks/net10.0/KeyLock.Tasks.deps.json"), Bytes(archive, Path.ChangeExtension(image, ".deps.json")));
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
        using var pe = new PEReader(new MemoryStream(Bytes(archive, entry)));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    // Name, version and module id: an image compiled from the very assembly shipped as IL keeps all three.
    private static string AssemblyIdentity(ZipArchive archive, string entry)
    {
        using var pe = new PEReader(new MemoryStream(Bytes(archive, entry)));
        var metadata = pe.GetMetadataReader();
        var assembly = metadata.GetAssemblyDefinition();
        return $"{metadata.GetString(assembly.Name)} {assembly.Version} {metadata.GetGuid(metadata.GetModuleDefinition().Mvid)}";
    }

    private static byte[] Bytes(ZipArchive archive, string entry)
    {
        using var memory = new MemoryStream();
        using (var stream = (archive.GetEntry(entry) ?? throw new InvalidOperationException($"{entry} is not in the package")).Open())
        {
            stream.CopyTo(memory);
        }

        return memory.ToArray();
    }
}
