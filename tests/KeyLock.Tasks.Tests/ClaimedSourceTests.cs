using System.Text;
using KeyLock.Tasks.Signing;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;

namespace KeyLock.Tasks.Tests;

public sealed class ClaimedSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keylock-claimed-source-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The .nupkg.metadata files NuGet wrote when it restored this test project's own packages.</summary>
    public static TheoryData<string> MetadataNuGetWrote()
    {
        var folder = SettingsUtility.GetGlobalPackagesFolder(Settings.LoadDefaultSettings(root: null));
        var data = new TheoryData<string>();
        foreach (var id in new[] { "nuget.packaging", "nuget.projectmodel", "xunit.core", "microsoft.build.utilities.core" })
        {
            foreach (var versionFolder in Directory.Exists(Path.Combine(folder, id)) ? Directory.GetDirectories(Path.Combine(folder, id)) : Array.Empty<string>())
            {
                var metadata = Path.Combine(versionFolder, ".nupkg.metadata");
                if (File.Exists(metadata))
                {
                    data.Add(metadata);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MetadataNuGetWrote))]
    public void Reads_the_source_NuGet_reads(string metadataPath)
    {
        var expected = NupkgMetadataFileFormat.Read(metadataPath, NullLogger.Instance).Source;

        Assert.False(string.IsNullOrEmpty(expected), "NuGet wrote no source into " + metadataPath);
        Assert.Equal(expected, ClaimedSource.Read(metadataPath));
    }

    [Fact]
    public void Restored_packages_to_compare_with_exist()
    {
        Assert.NotEmpty(MetadataNuGetWrote());
    }

    [Theory]
    [InlineData("{\n  \"version\": 2,\n  \"contentHash\": \"aGFzaA==\",\n  \"source\": \"https://api.nuget.org/v3/index.json\"\n}", "https://api.nuget.org/v3/index.json")]
    [InlineData("\uFEFF{ \"source\": \"/feeds/local\" }", "/feeds/local")]
    [InlineData("{ // by hand\n \"source\": \"/feeds/local\", }", "/feeds/local")]
    [InlineData("{ \"source\": \"/feeds/first\", \"source\": \"/feeds/last\" }", "/feeds/last")]
    [InlineData("{ \"other\": { \"source\": \"/feeds/nested\" }, \"list\": [ { \"source\": \"x\" } ] }", null)]
    [InlineData("{ \"version\": 1, \"contentHash\": \"aGFzaA==\" }", null)]
    [InlineData("{ \"source\": \"\" }", null)]
    [InlineData("{ \"source\": 42 }", null)]
    [InlineData("{ \"source\": null }", null)]
    [InlineData("{ \"source\": \"/feeds/local\"", null)]
    [InlineData("{ \"source\": \"/feeds/local\" } { \"source\": \"/feeds/second\" }", null)]
    [InlineData("[ \"source\" ]", null)]
    [InlineData("", null)]
    [InlineData("not json", null)]
    public void Takes_only_a_top_level_source_from_one_JSON_document(string text, string? expected)
    {
        var path = Path.Combine(_directory, ".nupkg.metadata");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected, ClaimedSource.Read(path));
    }

    [Fact]
    public void A_file_far_larger_than_NuGet_writes_claims_nothing_without_being_read_whole()
    {
        var path = Path.Combine(_directory, ".nupkg.metadata");
        var source = "{ \"source\": \"/feeds/local\" }";
        File.WriteAllText(path, source + new string(' ', (int)ClaimedSource.MaxLength));

        Assert.Null(ClaimedSource.Read(path));

        File.WriteAllText(path, source + new string(' ', (int)ClaimedSource.MaxLength - source.Length));
        Assert.Equal("/feeds/local", ClaimedSource.Read(path));
    }

    [Fact]
    public void Missing_file_claims_nothing()
    {
        Assert.Null(ClaimedSource.Read(Path.Combine(_directory, "absent", ".nupkg.metadata")));
    }
}
