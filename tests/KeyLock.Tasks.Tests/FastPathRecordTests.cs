using KeyLock.Tasks.Incremental;
using KeyLock.Tasks.Tests.Infrastructure;
using static KeyLock.Tasks.Tests.Infrastructure.FastPathBuilds;

namespace KeyLock.Tasks.Tests;

/// <summary>What is recorded for the fast path, and what a damaged record does: never a crash, never a silent pass.</summary>
public sealed class FastPathRecordTests : IDisposable
{
    private readonly SignedPackageProject _project = new();

    public void Dispose() => _project.Dispose();

    public static TheoryData<string> DamagedRecords => new()
    {
        "truncated",
        "byte changed",
        "garbage",
        "empty",
        "stamp forged without the checksum",
    };

    [Theory]
    [MemberData(nameof(DamagedRecords))]
    public void Damaged_pass_record_means_full_verification_never_a_crash(string damage)
    {
        RecordPass(_project);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var text = File.ReadAllText(_project.PassRecordPath);
        File.WriteAllText(_project.PassRecordPath, damage switch
        {
            "truncated" => text.Substring(0, text.Length / 2),
            "byte changed" => text.Substring(0, text.Length / 2) + (char)(text[text.Length / 2] ^ 1) + text.Substring(text.Length / 2 + 1),
            "garbage" => new string((char)0xFFFD, 5000) + "\nend\t\n",
            "empty" => string.Empty,
            _ => text.Replace("|c", "|c9", StringComparison.Ordinal),
        });

        FullBuild(_project, expectPass: true);
    }

    [Fact]
    public void Damaged_record_and_a_tampered_archive_is_still_KL5003()
    {
        RecordPass(_project);
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText(_project.PassRecordPath, "KeyLock pass record v1\nbuild\tx\nend\tnot-a-checksum\n");
        }

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);

        var engine = FullBuild(_project, expectPass: false);
        Assert.Contains(engine.Errors, e => e.Code == "KL5003" || e.Code == "KL5005");
    }

    [Fact]
    public void A_pass_with_warnings_replays_the_same_warnings_word_for_word()
    {
        Assert.True(_project.Build(out _));
        TestPackage.FlipByteKeepingStamp(_project.ConsumedDllPath);
        SignedPackageProject.Settle();
        Action<VerifyLockedPackages> lowered = t => t.ExtractedFilesSeverity = "warning";

        Assert.True(_project.Build(out var full, lowered), SignedPackageProject.Errors(full));
        Assert.True(_project.Build(out var replay, lowered), SignedPackageProject.Errors(replay));

        var found = Assert.Single(full.Warnings);
        Assert.Equal("KL5008", found.Code);
        var replayed = Assert.Single(replay.Warnings);
        Assert.Equal(
            (found.Code, found.File, found.LineNumber, found.ColumnNumber, found.Message, found.HelpLink),
            (replayed.Code, replayed.File, replayed.LineNumber, replayed.ColumnNumber, replayed.Message, replayed.HelpLink));
        Assert.Equal(OperatingSystem.IsLinux(), replay.Messages.Any(m => Text(m).Contains(Replayed, StringComparison.Ordinal)));
        Assert.Contains(replay.Messages, m => Text(m).Contains("verified 0 packages", StringComparison.Ordinal) && Text(m).Contains("1 finding(s) reported as warnings", StringComparison.Ordinal));

        // Back to errors: a parameter changed, so the same tampering is an error again, never a replayed warning.
        Assert.False(_project.Build(out var strict));
        Assert.Equal("KL5008", Assert.Single(strict.Errors).Code);
    }

    [Fact]
    public void A_failed_build_removes_the_record()
    {
        RecordPass(_project);

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);
        FullBuild(_project, expectPass: false);

        Assert.False(File.Exists(_project.PassRecordPath));
    }

    [Fact]
    public void An_SBOM_build_always_verifies_fully_and_writes_the_SBOM()
    {
        RecordPass(_project);
        var sbom = Path.Combine(_project.Workspace.ProjectDirectory, "sbom.cdx.json");

        Assert.True(_project.Build(out var engine, t => t.SbomOutput = sbom), SignedPackageProject.Errors(engine));

        Assert.True(File.Exists(sbom));
        Assert.DoesNotContain(engine.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
    }

    [Fact]
    public void Cache_off_means_no_record_and_no_replay()
    {
        Assert.True(_project.Build(out _, t => t.VerificationCacheFile = null));
        Assert.True(_project.Build(out var second, t => t.VerificationCacheFile = null));

        Assert.False(File.Exists(_project.PassRecordPath));
        Assert.DoesNotContain(second.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
    }

    [Fact]
    public void Files_changed_just_before_the_build_are_not_recorded()
    {
        using var fresh = new SignedPackageProject(settle: false);

        Assert.True(fresh.Build(out var engine), SignedPackageProject.Errors(engine));

        Assert.False(File.Exists(fresh.PassRecordPath));
    }

    [Fact]
    public void A_well_formed_record_from_another_KeyLock_build_is_not_replayed()
    {
        RecordPass(_project);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Rewrite(r => r.Build = Guid.NewGuid().ToString("N"));

        var engine = FullBuild(_project, expectPass: true);
        Assert.Contains(engine.Messages, m => Text(m).Contains("recorded by another KeyLock build", StringComparison.Ordinal));
    }

    [Fact]
    public void A_well_formed_record_older_than_a_day_is_not_replayed()
    {
        RecordPass(_project);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Rewrite(r => r.VerifiedUtc = DateTime.UtcNow.AddHours(-25));

        var engine = FullBuild(_project, expectPass: true);
        Assert.Contains(engine.Messages, m => Text(m).Contains("older than 24 h", StringComparison.Ordinal));
    }

    private void Rewrite(Action<PassRecord> change)
    {
        var record = PassRecord.Read(_project.PassRecordPath)!;
        change(record);
        Assert.Null(record.Write(_project.PassRecordPath));
    }
}
