using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using KeyLock.Tasks.Signing;
using KeyLock.Tasks.Tests.Infrastructure;
using NuGet.Versioning;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// The look the task takes, before the signature policy is read, for an archive whose signature this build will verify
/// (it then parses the trust roots in the background): any signature verdict for the archive's current state counts.
/// </summary>
public sealed class SignatureVerdictLookaheadTests : IDisposable
{
    private readonly Workspace _ws = new();
    private readonly ContentHashCache _cache = ContentHashCache.ForBuild(engine: null);

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void An_archive_without_any_signature_verdict_will_be_verified()
    {
        var packages = Packages("Alpha", "Beta");

        Assert.True(SignatureCheck.SomeVerdictMissing(packages, Locator, _cache));
    }

    [Fact]
    public void Verdicts_for_every_archive_in_its_current_state_mean_nothing_to_verify()
    {
        var packages = Packages("Alpha", "Beta");
        MarkSignaturePassed("Alpha");
        MarkSignaturePassed("Beta");

        Assert.False(SignatureCheck.SomeVerdictMissing(packages, Locator, _cache));
    }

    [Fact]
    public void A_verdict_for_an_earlier_state_of_the_archive_does_not_count()
    {
        var packages = Packages("Alpha", "Beta");
        MarkSignaturePassed("Alpha");
        MarkSignaturePassed("Beta");

        File.AppendAllText(TestPackage.NupkgPath(_ws.GlobalPackages, "Beta", "1.0.0"), "appended");

        Assert.True(SignatureCheck.SomeVerdictMissing(packages, Locator, _cache));
    }

    [Fact]
    public void Other_verdicts_for_the_archive_do_not_count()
    {
        var packages = Packages("Alpha");
        _cache.MarkPassed("X|" + FileStamp.Of(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0")).Key);

        Assert.True(SignatureCheck.SomeVerdictMissing(packages, Locator, _cache));
    }

    [Fact]
    public void A_package_without_an_archive_is_left_to_the_content_hash_check()
    {
        var packages = Packages("Alpha").Append(Package("Missing")).ToList();
        MarkSignaturePassed("Alpha");

        Assert.False(SignatureCheck.SomeVerdictMissing(packages, Locator, _cache));
    }

    private PackageLocator Locator => new(new[] { _ws.GlobalPackages });

    private List<LockedPackage> Packages(params string[] ids)
    {
        foreach (var id in ids)
        {
            _ws.AddPackage(id, "1.0.0");
        }

        return ids.Select(Package).ToList();
    }

    private LockedPackage Package(string id) =>
        new(id, NuGetVersion.Parse("1.0.0"), "unused", SourceLocation.InFile(_ws.DefaultLockFile));

    // The policy, claimed source and trust-root parts of the key are whatever an earlier build had.
    private void MarkSignaturePassed(string id) =>
        _cache.MarkPassed("S|" + FileStamp.Of(TestPackage.NupkgPath(_ws.GlobalPackages, id, "1.0.0")).Key + "|policy|FromNuGetOrg|roots");
}
