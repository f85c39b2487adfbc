using Microsoft.Build.Framework;
using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// The project-level fast path (Incremental/FastPath): a build whose every input is unchanged since the last passing
/// verification replays that pass; any change (a byte in an archive or an extracted file with the write time put back, the
/// lock file, keylock.json, a task parameter, a damaged pass record) means a full verification with the right finding.
/// Linux only: elsewhere nothing has a kernel identity, nothing is recorded, and every build verifies fully.
/// </summary>
public sealed class FastPathTests : IDisposable
{
    private const string Replayed = "every input unchanged since verified";

    private readonly SignedPackageProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Unchanged_inputs_replay_the_last_pass_with_the_same_summary_and_count()
    {
        Assert.True(_project.Build(out var first), SignedPackageProject.Errors(first));
        Assert.DoesNotContain(first.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(File.Exists(_project.PassRecordPath));
            return;
        }

        var summary = Assert.Single(first.Messages, m => Text(m).StartsWith("KeyLock: verified 1 packages", StringComparison.Ordinal));

        var second = ReplayedBuild();
        var replayed = Assert.Single(second.Messages, m => Text(m).StartsWith("KeyLock: verified 1 packages", StringComparison.Ordinal));
        Assert.StartsWith(Text(summary), Text(replayed), StringComparison.Ordinal);
        Assert.Contains(Replayed, Text(replayed), StringComparison.Ordinal);
        Assert.Equal(MessageImportance.High, replayed.Importance);

        // A replay neither reads nor rewrites the verdict cache.
        Assert.DoesNotContain(second.Messages, m => Text(m).Contains("verdict(s) from earlier builds", StringComparison.Ordinal));
    }

    [Fact]
    public void Archive_byte_flipped_with_the_write_time_put_back_is_KL5003_not_a_replay()
    {
        RecordPass();

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);

        var engine = FullBuild(expectPass: false);
        Assert.Contains(engine.Errors, e => e.Code == "KL5003" || e.Code == "KL5005");
    }

    [Fact]
    public void Extracted_file_changed_with_the_write_time_put_back_is_KL5008_not_a_replay()
    {
        RecordPass();

        TestPackage.FlipByteKeepingStamp(_project.ConsumedDllPath);

        var engine = FullBuild(expectPass: false);
        Assert.Equal("KL5008", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Extracted_file_swapped_for_a_symlink_to_an_identical_copy_is_KL5008_not_a_replay()
    {
        RecordPass();
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Same bytes, same target inode and ctime as before (the file is renamed, not rewritten): only the link shows.
        var moved = Path.Combine(_project.Workspace.Root, "moved.dll");
        File.Move(_project.ConsumedDllPath, moved);
        File.CreateSymbolicLink(_project.ConsumedDllPath, moved);

        var engine = FullBuild(expectPass: false);
        Assert.Equal("KL5008", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Lock_file_changed_is_a_full_verification_with_KL5003()
    {
        RecordPass();

        _project.WriteLockFile(Convert.ToBase64String(new byte[64]));

        var engine = FullBuild(expectPass: false);
        Assert.Contains(engine.Errors, e => e.Code == "KL5003");
    }

    [Fact]
    public void Package_metadata_changed_is_a_full_verification()
    {
        RecordPass();

        PackageFiles.WriteMetadata(_project.NupkgPath, "https://example.invalid/v3/index.json");

        FullBuild(expectPass: true);
    }

    [Fact]
    public void Keylock_json_appearing_above_the_project_is_a_full_verification_with_KL5020()
    {
        RecordPass();

        File.WriteAllText(
            Path.Combine(_project.Workspace.Root, "keylock.json"),
            """{ "deny": [ { "id": "Newtonsoft.Json", "versions": "[13.0.3]", "reason": "test advisory" } ] }""");

        var engine = FullBuild(expectPass: false);
        Assert.Equal("KL5020", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Keylock_json_edited_is_a_full_verification_with_KL5020()
    {
        var policy = Path.Combine(_project.Workspace.Root, "keylock.json");
        File.WriteAllText(policy, """{ "deny": [] }""");
        SignedPackageProject.Settle();
        RecordPass();

        File.WriteAllText(policy, """{ "deny": [ { "id": "Newtonsoft.Json", "versions": "[13.0.3]", "reason": "test advisory" } ] }""");

        var engine = FullBuild(expectPass: false);
        Assert.Equal("KL5020", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Nuget_config_appearing_in_the_project_folder_is_a_full_verification()
    {
        RecordPass();

        File.WriteAllText(Path.Combine(_project.Workspace.ProjectDirectory, "nuget.config"), "<configuration />");

        FullBuild(expectPass: true);
    }

    public static TheoryData<string, Action<VerifyLockedPackages>> ChangedParameters => new()
    {
        { "content hash severity", t => t.ContentHashSeverity = "warning" },
        { "extracted files severity", t => t.ExtractedFilesSeverity = "warning" },
        { "signature severity", t => t.SignatureSeverity = "warning" },
        { "lock file severity", t => t.LockFileSeverity = "warning" },
        { "signatures off", t => t.VerifySignatures = false },
        { "cooldown", t => t.MinimumPackageAgeDays = "1" },
        { "build code policy", t => t.BuildCodePolicy = "error" },
        { "policy file", t => t.PolicyFile = "other-keylock.json" },
        { "trusted roots", t => t.TrustedRootsDirectory = "/nonexistent" },
        { "package folders", t => t.PackageFolders = t.PackageFolders.Take(1).ToArray() },
    };

    [Theory]
    [MemberData(nameof(ChangedParameters))]
    public void Any_changed_task_parameter_is_a_full_verification(string what, Action<VerifyLockedPackages> change)
    {
        RecordPass();

        var engine = new FakeBuildEngine();
        Assert.True(_project.Build(out engine, change) || engine.Errors.Count > 0, what);

        Assert.DoesNotContain(engine.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(engine.Messages, m => Text(m).Contains("task parameters changed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_parameter_change_that_exposes_a_problem_reports_it()
    {
        RecordPass();

        // The pass was recorded with the package's build code allowed by default; nothing about the package changed,
        // but a stricter cooldown than the package's age must be applied, not replayed away.
        Assert.False(_project.Build(out var engine, t => t.MinimumPackageAgeDays = "100000"));
        Assert.Equal("KL6020", Assert.Single(engine.Errors).Code);
    }

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
        RecordPass();
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

        FullBuild(expectPass: true);
    }

    [Fact]
    public void Damaged_record_and_a_tampered_archive_is_still_KL5003()
    {
        RecordPass();
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText(_project.PassRecordPath, "KeyLock pass record v1\nbuild\tx\nend\tnot-a-checksum\n");
        }

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);

        var engine = FullBuild(expectPass: false);
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
        RecordPass();

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);
        FullBuild(expectPass: false);

        Assert.False(File.Exists(_project.PassRecordPath));
    }

    [Fact]
    public void An_SBOM_build_always_verifies_fully_and_writes_the_SBOM()
    {
        RecordPass();
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

    /// <summary>A first build that passes and (on Linux) leaves a pass record.</summary>
    private void RecordPass()
    {
        Assert.True(_project.Build(out var engine), SignedPackageProject.Errors(engine));
        Assert.Equal(OperatingSystem.IsLinux(), File.Exists(_project.PassRecordPath));
    }

    private FakeBuildEngine ReplayedBuild()
    {
        Assert.True(_project.Build(out var engine), SignedPackageProject.Errors(engine));
        Assert.Contains(engine.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        return engine;
    }

    /// <summary>A build that must not be a replay; on Linux its log says why the record did not hold.</summary>
    private FakeBuildEngine FullBuild(bool expectPass)
    {
        Assert.Equal(expectPass, _project.Build(out var engine));
        Assert.DoesNotContain(engine.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(engine.Messages, m => Text(m).StartsWith("KeyLock: full verification (", StringComparison.Ordinal));
        }

        return engine;
    }

    private static string Text(BuildMessageEventArgs message) => message.Message ?? string.Empty;
}
