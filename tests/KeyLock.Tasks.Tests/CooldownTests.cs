using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Policy;
using KeyLock.Tasks.Reporting;
using KeyLock.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using NuGet.Versioning;

namespace KeyLock.Tasks.Tests;

public sealed class CooldownTests : IDisposable
{
    private const string Newtonsoft = "Newtonsoft.Json";
    private const string NewtonsoftVersion = "13.0.3";

    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    private LockEntry AddRealNewtonsoft()
    {
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        File.Copy(PackageFiles.RealSignedPackage(Newtonsoft, NewtonsoftVersion), nupkg);
        return new LockEntry(Newtonsoft, NewtonsoftVersion, ContentHasher.Compute(nupkg, CancellationToken.None));
    }

    private VerifyLockedPackages Task(string? minimumAgeDays)
    {
        var task = _ws.CreateTask(_engine);
        task.VerifySignatures = false;
        task.MinimumPackageAgeDays = minimumAgeDays;
        return task;
    }

    private static DateTimeOffset NewtonsoftPublishedAt() =>
        PackageInspector.Read(PackageFiles.RealSignedPackage(Newtonsoft, NewtonsoftVersion), CancellationToken.None).PublishedAt!.Value;

    [Fact]
    public void Publication_time_is_the_nuget_org_repository_countersignature_timestamp()
    {
        var facts = PackageInspector.Read(PackageFiles.RealSignedPackage(Newtonsoft, NewtonsoftVersion), CancellationToken.None);

        Assert.Null(facts.ReadProblem);
        Assert.NotNull(facts.PublishedAt);
        // Newtonsoft.Json 13.0.3 was published on nuget.org on 8 March 2023.
        Assert.InRange(facts.PublishedAt!.Value, new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 3, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains("api.nuget.org", facts.RepositorySigner);
        Assert.NotNull(facts.AuthorSigner);
        Assert.False(facts.MicrosoftAuthorSigned);
        Assert.Equal("MIT", facts.LicenseExpression);
        Assert.False(facts.HasBuildCode);
    }

    [Fact]
    public void Package_younger_than_the_minimum_age_is_KL6020_with_publication_time_and_when_it_becomes_acceptable()
    {
        var lockFile = new LockFileText().Target("net10.0", AddRealNewtonsoft()).WriteTo(_ws.DefaultLockFile);
        var published = NewtonsoftPublishedAt();

        Assert.False(Task("100000").Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL6020", error.Code);
        Assert.Equal(lockFile, error.File);
        Assert.Equal(LockFileText.LineOf(lockFile, Newtonsoft), error.LineNumber);
        Assert.Contains("Newtonsoft.Json 13.0.3 was published on nuget.org at " + PolicyFindings.Time(published), error.Message);
        Assert.Contains("at least 100000 days old (KeyLockMinimumPackageAgeDays)", error.Message);
        Assert.Contains("It becomes acceptable at " + PolicyFindings.Time(published.AddDays(100000)), error.Message);
        Assert.Contains("cooldownExceptions", error.Message);
        Assert.Equal("https://github.com/keylock-dev/keylock/blob/main/docs/rules/KL6020.md", error.HelpLink);
    }

    [Fact]
    public void Package_older_than_the_minimum_age_passes()
    {
        new LockFileText().Target("net10.0", AddRealNewtonsoft()).WriteTo(_ws.DefaultLockFile);

        Assert.True(Task("1").Execute());
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Minimum_age_from_keylock_json_and_exceptions_by_prefix()
    {
        new LockFileText().Target("net10.0", AddRealNewtonsoft()).WriteTo(_ws.DefaultLockFile);
        var policy = Path.Combine(_ws.Root, "keylock.json");
        File.WriteAllText(policy, """{ "minimumPackageAgeDays": 100000 }""");

        Assert.False(Task(null).Execute());
        Assert.Contains($"minimumPackageAgeDays in {policy}", Assert.Single(_engine.Errors).Message);

        File.WriteAllText(policy, """{ "minimumPackageAgeDays": 100000, "cooldownExceptions": [ "Newtonsoft.*" ] }""");
        var engine = new FakeBuildEngine();
        var task = _ws.CreateTask(engine);
        task.VerifySignatures = false;
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Property_zero_turns_a_file_cooldown_off()
    {
        new LockFileText().Target("net10.0", AddRealNewtonsoft()).WriteTo(_ws.DefaultLockFile);
        File.WriteAllText(Path.Combine(_ws.Root, "keylock.json"), """{ "minimumPackageAgeDays": 100000 }""");

        Assert.True(Task("0").Execute());
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Unsigned_packages_are_not_failed_and_the_summary_says_so()
    {
        new LockFileText().Target("net10.0", _ws.AddPackage("Alpha", "1.0.0"), AddRealNewtonsoft()).WriteTo(_ws.DefaultLockFile);

        Assert.True(Task("30").Execute());

        Assert.Empty(_engine.Errors);
        var summary = Assert.Single(_engine.Messages, m => m.Message!.StartsWith("KeyLock: cooldown", StringComparison.Ordinal));
        Assert.Equal(MessageImportance.High, summary.Importance);
        Assert.Equal("KeyLock: cooldown of 30 days not applied to 1 package(s) without a trusted nuget.org publication time: Alpha 1.0.0 (unsigned).", summary.Message);
    }

    [Fact]
    public void Unparsable_signature_means_no_publication_time_not_a_crash()
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, "Forged", "1.0.0");
        TestPackage.AppendSignatureEntry(nupkg);
        new LockFileText().Target("net10.0", new LockEntry("Forged", "1.0.0", ContentHasher.Compute(nupkg, CancellationToken.None))).WriteTo(_ws.DefaultLockFile);

        Assert.True(Task("30").Execute());

        Assert.Empty(_engine.Errors);
        var summary = Assert.Single(_engine.Messages, m => m.Message!.StartsWith("KeyLock: cooldown", StringComparison.Ordinal));
        Assert.Contains("Forged 1.0.0 (signature unreadable", summary.Message);
    }

    [Fact]
    public void No_cooldown_no_summary_line()
    {
        new LockFileText().Target("net10.0", _ws.AddPackage("Alpha", "1.0.0")).WriteTo(_ws.DefaultLockFile);

        Assert.True(Task(null).Execute());
        Assert.DoesNotContain(_engine.Messages, m => m.Message!.StartsWith("KeyLock: cooldown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(47.9, true)]
    [InlineData(48.1, false)]
    public void Boundary_is_publication_time_plus_the_minimum_age(double hoursOld, bool fails)
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var policy = new KeyLockPolicy { MinimumPackageAgeDays = 2, MinimumPackageAgeSource = "KeyLockMinimumPackageAgeDays" };
        var package = new LockedPackage("Fresh", NuGetVersion.Parse("1.2.3"), "aGFzaA==", new SourceLocation("packages.lock.json", 5, 7));
        var facts = new PackageFacts { PublishedAt = now.AddHours(-hoursOld) };

        var finding = Cooldown.Check(policy, package, facts, now, out var untimed);

        Assert.Null(untimed);
        Assert.Equal(fails, finding != null);
        if (finding != null)
        {
            Assert.Contains("1.9 days ago", finding.Message);
            Assert.Contains("It becomes acceptable at " + PolicyFindings.Time(now.AddHours(-hoursOld).AddDays(2)), finding.Message);
        }
    }
}
