using System.IO.Compression;
using System.Text;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using KeyLock.Tasks.Signing;
using KeyLock.Tasks.Tests.Infrastructure;
using NuGet.Versioning;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// The facts the supply-chain checks use (build-time code, publication time, signers, licence) are read once per archive:
/// by the signature check, from the archive and the very signature it has just verified, or else by the inspector itself.
/// </summary>
public sealed class PackageInspectorTests : IDisposable
{
    private const string NuGetOrg = "https://api.nuget.org/v3/index.json";

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void The_signature_check_leaves_the_facts_of_the_signed_archive_it_verified()
    {
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Newtonsoft.Json", "13.0.3");
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        File.Copy(PackageFiles.RealSignedPackage("Newtonsoft.Json", "13.0.3"), nupkg);
        PackageFiles.WriteMetadata(nupkg, NuGetOrg);
        var cache = new ContentHashCache();

        Assert.Empty(SignatureCheckFor(cache).Check(Locked("Newtonsoft.Json", "13.0.3"), nupkg, CancellationToken.None));

        Assert.True(cache.TryGetFacts(FileStamp.Of(nupkg), out var recorded));
        var readAlone = PackageInspector.Read(nupkg, CancellationToken.None);
        Assert.NotNull(recorded.PublishedAt);
        Assert.Equal(NuGetOrg, recorded.RepositorySigner);
        Assert.Equal("MIT", recorded.LicenseExpression);
        Assert.Equal(PackageFactsText.Encode(readAlone), PackageFactsText.Encode(recorded));
    }

    [Fact]
    public void The_signature_check_leaves_the_facts_of_an_unsigned_archive_too()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Plain", "1.0.0");
        PackageFiles.WriteMetadata(nupkg, "https://pkgs.example.com/v3/index.json");
        var cache = new ContentHashCache();

        Assert.Empty(SignatureCheckFor(cache).Check(Locked("Plain", "1.0.0"), nupkg, CancellationToken.None));

        Assert.True(cache.TryGetFacts(FileStamp.Of(nupkg), out var recorded));
        Assert.Null(recorded.PublishedAt);
        Assert.Equal("unsigned", recorded.NoPublicationTimeReason);
    }

    [Fact]
    public void A_signature_that_does_not_decode_stays_the_signature_check_finding_and_the_facts_say_why()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Forged", "1.0.0");
        TestPackage.AppendSignatureEntry(nupkg);
        PackageFiles.WriteMetadata(nupkg, NuGetOrg);
        var cache = new ContentHashCache();

        var finding = Assert.Single(SignatureCheckFor(cache).Check(Locked("Forged", "1.0.0"), nupkg, CancellationToken.None));

        Assert.Equal("KL6002", finding.Code.Id);
        var facts = new PackageInspector(cache).Inspect(nupkg, CancellationToken.None);
        Assert.StartsWith("signature unreadable", facts.NoPublicationTimeReason);
    }

    [Theory]
    [InlineData("<license type=\"expression\"> MIT OR Apache-2.0 </license>", "MIT OR Apache-2.0", null, null)]
    [InlineData("<license type=\"file\">docs/LICENSE.txt</license>", null, "docs/LICENSE.txt", null)]
    [InlineData("<licenseUrl> https://example.com/license </licenseUrl>", null, null, "https://example.com/license")]
    [InlineData("<license type=\"something-else\">MIT</license>", null, null, null)]
    [InlineData("<license type=\"expression\"></license>", null, null, null)]
    [InlineData("", null, null, null)]
    public void The_licence_is_taken_as_the_nuspec_states_it(string licenseXml, string? expression, string? file, string? url)
    {
        var nupkg = Path.Combine(_ws.Root, "licensed.1.0.0.nupkg");
        using (var zip = new ZipArchive(new FileStream(nupkg, FileMode.Create), ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("Licensed.nuspec").Open(), new UTF8Encoding(false)))
        {
            writer.Write(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">" +
                $"<metadata><id>Licensed</id><version>1.0.0</version><authors>a</authors><description>d</description>{licenseXml}</metadata></package>");
        }

        var facts = PackageInspector.Read(nupkg, CancellationToken.None);

        Assert.Null(facts.ReadProblem);
        Assert.Equal(expression, facts.LicenseExpression);
        Assert.Equal(file, facts.LicenseFile);
        Assert.Equal(url, facts.LicenseUrl);
    }

    private SignatureCheck SignatureCheckFor(ContentHashCache cache)
    {
        TrustStore.Locate(Workspace.SdkTrustedRoots);
        return new SignatureCheck(SignaturePolicy.Load(_ws.ProjectDirectory, null), cache, RestoreSources.Unknown);
    }

    private LockedPackage Locked(string id, string version) =>
        new(id, NuGetVersion.Parse(version), "unused", SourceLocation.InFile(_ws.DefaultLockFile));
}
