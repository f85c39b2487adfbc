using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// Supply-chain facts (build-time code, publication time, signer, licence) are saved in the verdict cache next to the other
/// verdicts, keyed by the archive's stamp, so a build after a partial change re-opens only the archives that changed.
/// </summary>
public sealed class PackageFactsCacheTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Facts_survive_the_text_form_exactly()
    {
        var facts = new PackageFacts
        {
            BuildFiles = new[] { "build/A.targets", "buildTransitive/net8.0/A.props" },
            AnalyzerFiles = new[] { "analyzers/dotnet/cs/A.Generators.dll" },
            ToolScripts = Array.Empty<string>(),
            PublishedAt = new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(7),
            AuthorSigner = "CN=Someone, O=Microsoft Corporation",
            RepositorySigner = "https://api.nuget.org/v3/index.json",
            MicrosoftAuthorSigned = true,
            LicenseExpression = "MIT",
            LicenseFile = string.Empty,
        };

        var decoded = PackageFactsText.Decode(PackageFactsText.Encode(facts)!)!;

        Assert.Equal(facts.BuildFiles, decoded.BuildFiles);
        Assert.Equal(facts.AnalyzerFiles, decoded.AnalyzerFiles);
        Assert.Empty(decoded.ToolScripts);
        Assert.Equal(facts.PublishedAt, decoded.PublishedAt);
        Assert.Equal(facts.PublishedAt!.Value.Offset, decoded.PublishedAt!.Value.Offset);
        Assert.Null(decoded.NoPublicationTimeReason);
        Assert.Equal(facts.AuthorSigner, decoded.AuthorSigner);
        Assert.Equal(facts.RepositorySigner, decoded.RepositorySigner);
        Assert.True(decoded.MicrosoftAuthorSigned);
        Assert.Equal("MIT", decoded.LicenseExpression);
        Assert.Equal(string.Empty, decoded.LicenseFile);
        Assert.Null(decoded.LicenseUrl);
    }

    [Theory]
    [InlineData("")]
    [InlineData("facts1")]
    [InlineData("facts0\u001F\u001F\u001F\u001F\u001F\u001F\u001F\u001F0\u001F\u001F\u001F")]
    [InlineData("facts1\u001F\u001F\u001F\u001F=notanumber:0\u001F\u001F\u001F\u001F0\u001F\u001F\u001F")]
    [InlineData("facts1\u001F\u001F\u001F\u001F=1:99999\u001F\u001F\u001F\u001F0\u001F\u001F\u001F")]
    [InlineData("facts1\u001F\u001F\u001F\u001F\u001F\u001F\u001F\u001F2\u001F\u001F\u001F")]
    public void Text_that_is_not_exactly_what_was_written_is_ignored(string text) => Assert.Null(PackageFactsText.Decode(text));

    [Fact]
    public void Facts_of_an_unreadable_archive_are_never_stored() =>
        Assert.Null(PackageFactsText.Encode(new PackageFacts { ReadProblem = "not a zip" }));

    [Fact]
    public void Saved_facts_of_an_unchanged_archive_are_used_and_a_changed_archive_is_read_again()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Plain", "1.0.0");
        var cache = new ContentHashCache();
        var saved = new PackageFacts { BuildFiles = new[] { "build/FromTheCache.targets" } };
        cache.AddLoaded(VerdictStore.FactsPrefix + FileStamp.Of(nupkg).Key + "\t" + PackageFactsText.Encode(saved), DateTime.UtcNow);

        Assert.Equal(saved.BuildFiles, new PackageInspector(cache).Inspect(nupkg, CancellationToken.None).BuildFiles);

        if (!OperatingSystem.IsLinux())
        {
            return; // elsewhere the stamp has no ctime, and nothing is saved across builds anyway
        }

        // Past the kernel's coarse clock tick, so the write moves the ctime even on a fast machine.
        Thread.Sleep(50);
        TestPackage.FlipByteKeepingStamp(nupkg);
        var reread = new PackageInspector(cache).Inspect(nupkg, CancellationToken.None);
        Assert.DoesNotContain("build/FromTheCache.targets", reread.BuildFiles);
    }
}
