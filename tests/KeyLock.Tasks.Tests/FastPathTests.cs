using Microsoft.Build.Framework;
using KeyLock.Tasks.Tests.Infrastructure;
using static KeyLock.Tasks.Tests.Infrastructure.FastPathBuilds;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// The project-level fast path (Incremental/FastPath): a build whose every input is unchanged since the last passing
/// verification replays that pass; any change (a byte in an archive or an extracted file with the write time put back, the
/// lock file, keylock.json, a task parameter, a damaged pass record) means a full verification with the right finding.
/// Every case runs with both ways of telling changes (<see cref="KernelIdentityFastPathTests"/>: Linux only, elsewhere
/// nothing is recorded and every build verifies fully; <see cref="ContentDigestFastPathTests"/>: what Windows uses).
/// </summary>
public abstract class FastPathTests : IDisposable
{
    private readonly SignedPackageProject _project;

    protected FastPathTests(string? changeDetection) => _project = new SignedPackageProject(changeDetection: changeDetection);

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Unchanged_inputs_replay_the_last_pass_with_the_same_summary_and_count()
    {
        Assert.True(_project.Build(out var first), SignedPackageProject.Errors(first));
        Assert.DoesNotContain(first.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        if (!_project.RecordsPasses)
        {
            Assert.False(File.Exists(_project.PassRecordPath));
            return;
        }

        var summary = Assert.Single(first.Messages, m => Text(m).StartsWith("KeyLock: verified 1 packages", StringComparison.Ordinal));

        var second = ReplayedBuild(_project);
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
        RecordPass(_project);

        TestPackage.FlipByteKeepingStamp(_project.NupkgPath);

        var engine = FullBuild(_project, expectPass: false);
        Assert.Contains(engine.Errors, e => e.Code == "KL5003" || e.Code == "KL5005");
    }

    [Fact]
    public void Extracted_file_changed_with_the_write_time_put_back_is_KL5008_not_a_replay()
    {
        RecordPass(_project);

        TestPackage.FlipByteKeepingStamp(_project.ConsumedDllPath);

        var engine = FullBuild(_project, expectPass: false);
        Assert.Equal("KL5008", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Extracted_file_swapped_for_a_symlink_to_an_identical_copy_is_KL5008_not_a_replay()
    {
        RecordPass(_project);
        if (!OperatingSystem.IsLinux())
        {
            return; // creating symbolic links needs privileges on Windows
        }

        // Same bytes, same target inode and ctime as before (the file is renamed, not rewritten): only the link shows.
        var moved = Path.Combine(_project.Workspace.Root, "moved.dll");
        File.Move(_project.ConsumedDllPath, moved);
        File.CreateSymbolicLink(_project.ConsumedDllPath, moved);

        var engine = FullBuild(_project, expectPass: false);
        Assert.Equal("KL5008", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Lock_file_changed_is_a_full_verification_with_KL5003()
    {
        RecordPass(_project);

        _project.WriteLockFile(Convert.ToBase64String(new byte[64]));

        var engine = FullBuild(_project, expectPass: false);
        Assert.Contains(engine.Errors, e => e.Code == "KL5003");
    }

    [Fact]
    public void Package_metadata_changed_is_a_full_verification()
    {
        RecordPass(_project);

        PackageFiles.WriteMetadata(_project.NupkgPath, "https://example.invalid/v3/index.json");

        FullBuild(_project, expectPass: true);
    }

    [Fact]
    public void Keylock_json_appearing_above_the_project_is_a_full_verification_with_KL5020()
    {
        RecordPass(_project);

        File.WriteAllText(
            Path.Combine(_project.Workspace.Root, "keylock.json"),
            """{ "deny": [ { "id": "Newtonsoft.Json", "versions": "[13.0.3]", "reason": "test advisory" } ] }""");

        var engine = FullBuild(_project, expectPass: false);
        Assert.Equal("KL5020", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Keylock_json_edited_is_a_full_verification_with_KL5020()
    {
        var policy = Path.Combine(_project.Workspace.Root, "keylock.json");
        File.WriteAllText(policy, """{ "deny": [] }""");
        SignedPackageProject.Settle();
        RecordPass(_project);

        File.WriteAllText(policy, """{ "deny": [ { "id": "Newtonsoft.Json", "versions": "[13.0.3]", "reason": "test advisory" } ] }""");

        var engine = FullBuild(_project, expectPass: false);
        Assert.Equal("KL5020", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Nuget_config_switched_to_require_mode_after_a_pass_is_KL6003()
    {
        var config = Path.Combine(_project.Workspace.ProjectDirectory, "nuget.config");
        File.WriteAllText(config, NuGetConfig("accept"));
        SignedPackageProject.Settle();
        RecordPass(_project);

        File.WriteAllText(config, NuGetConfig("require"));

        var engine = FullBuild(_project, expectPass: false);
        Assert.Equal("KL6003", Assert.Single(engine.Errors).Code);
        Assert.DoesNotContain(engine.Messages, m => Text(m).Contains(VerifyLockedPackages.PolicyUnchanged, StringComparison.Ordinal));
    }

    [Fact]
    public void A_build_after_a_restore_takes_the_signature_policy_from_the_memo()
    {
        RecordPass(_project);

        // A restore rewrites the assets file; nuget.config stays as it was.
        File.WriteAllText(_project.AssetsPath, File.ReadAllText(_project.AssetsPath) + " ");

        var engine = FullBuild(_project, expectPass: true);
        Assert.Equal(
            _project.RecordsPasses,
            engine.Messages.Any(m => Text(m).Contains(VerifyLockedPackages.PolicyUnchanged, StringComparison.Ordinal)));
    }

    [Fact]
    public void Nuget_config_appearing_in_the_project_folder_is_a_full_verification()
    {
        RecordPass(_project);

        File.WriteAllText(Path.Combine(_project.Workspace.ProjectDirectory, "nuget.config"), "<configuration />");

        FullBuild(_project, expectPass: true);
    }

    // One trusted author, who did not sign the test package: require mode rejects it, accept mode does not care.
    private static string NuGetConfig(string mode) =>
        NuGetConfigText.SignaturePolicy(mode == "require", NuGetConfigText.Author("SomeoneElse", new string('A', 64)));
}

/// <summary>The fast path with kernel identities (the default on Linux).</summary>
public sealed class KernelIdentityFastPathTests : FastPathTests
{
    public KernelIdentityFastPathTests()
        : base(changeDetection: null)
    {
    }
}

/// <summary>The fast path with content digests (the default on Windows), forced here so it runs on every system.</summary>
public sealed class ContentDigestFastPathTests : FastPathTests
{
    public ContentDigestFastPathTests()
        : base(changeDetection: "content")
    {
    }
}
