using KeyLock.Tasks.Incremental;
using KeyLock.Tasks.Tests.Infrastructure;
using static KeyLock.Tasks.Tests.Infrastructure.FastPathBuilds;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// Content digests (<see cref="ChangeDetection.ContentDigest"/>, Windows' way of telling unchanged inputs): what a pass
/// record holds, what the setting accepts, and how held inputs guard the time between a check and its digest.
/// </summary>
public sealed class ContentDigestTests : IDisposable
{
    private readonly SignedPackageProject _project = new(settle: false, changeDetection: "content");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void The_pass_record_holds_a_digest_for_every_file_and_no_kernel_identity()
    {
        RecordPass(_project);

        var stamps = File.ReadAllLines(_project.PassRecordPath)
            .Where(l => l.StartsWith("input\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t')[3])
            .ToList();
        Assert.NotEmpty(stamps);
        Assert.All(stamps, s => Assert.True(s.StartsWith("sha256:", StringComparison.Ordinal) || s.StartsWith(ContentStamp.ListingPrefix, StringComparison.Ordinal) || s is "dir" or "-", s));
        Assert.Contains(stamps, s => s.StartsWith("sha256:", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(_project.PassRecordPath), l => l.StartsWith("input\t", StringComparison.Ordinal) && l.Contains(SignedPackageProject.ConsumedDll.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal));
    }

    [Fact]
    public void NuGets_config_folders_are_stamped_by_their_entries_so_a_new_config_file_there_is_seen()
    {
        RecordPass(_project);

        var inputs = File.ReadAllLines(_project.PassRecordPath)
            .Where(l => l.StartsWith("input\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => f[2], f => f[3]);
        foreach (var folder in Signing.SignaturePolicy.NuGetConfigFolders())
        {
            var stamp = inputs[Path.GetFullPath(folder)];
            Assert.True(Directory.Exists(folder) ? stamp.StartsWith(ContentStamp.ListingPrefix, StringComparison.Ordinal) : stamp == "-", folder + ": " + stamp);
        }
    }

    [Fact]
    public void A_listed_folders_stamp_changes_when_an_entry_is_added_renamed_or_removed_and_only_then()
    {
        var folder = Path.Combine(_project.Workspace.Root, "config");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.config"), "<configuration />");
        var before = ContentStamp.Of(folder, followLinks: true, listsFolder: true)!;

        File.WriteAllText(Path.Combine(folder, "a.config"), "<configuration><config /></configuration>");
        Assert.True(ContentStamp.Matches(folder, followLinks: true, before), "a file's content is its own input, not the folder's");

        File.WriteAllText(Path.Combine(folder, "b.config"), "<configuration />");
        Assert.False(ContentStamp.Matches(folder, followLinks: true, before));

        File.Move(Path.Combine(folder, "b.config"), Path.Combine(folder, "c.config"));
        Assert.False(ContentStamp.Matches(folder, followLinks: true, before));

        File.Delete(Path.Combine(folder, "c.config"));
        Assert.True(ContentStamp.Matches(folder, followLinks: true, before));
        Assert.Equal(ContentStamp.Directory, ContentStamp.Of(folder, followLinks: true));
    }

    [Fact]
    public void Files_changed_a_moment_ago_are_replayed_without_waiting_for_a_settle_time()
    {
        // Kernel identities refuse files changed within two seconds (timestamp granularity); digests need no such wait.
        RecordPass(_project);

        ReplayedBuild(_project);
    }

    [Theory]
    [InlineData("content", true)]
    [InlineData(" Content ", true)]
    [InlineData("auto", false)]
    [InlineData("", false)]
    public void The_setting_accepts_auto_and_content(string value, bool content)
    {
        var mode = ChangeDetectionChoice.For(value, _project.Workspace.ProjectDirectory, out var problem);

        Assert.Null(problem);
        Assert.NotNull(mode);
        if (content)
        {
            Assert.Equal(ChangeDetection.ContentDigest, mode);
        }
        else if (OperatingSystem.IsLinux())
        {
            Assert.Equal(ChangeDetection.KernelIdentity, mode);
        }
        else
        {
            Assert.Equal(OperatingSystem.IsWindows() ? ChangeDetection.ContentDigest : ChangeDetection.None, mode);
        }
    }

    [Fact]
    public void An_unknown_setting_is_KL9003_and_the_packages_are_still_verified()
    {
        Assert.False(_project.Build(out var engine, t => t.ChangeDetectionMode = "ctime"));

        var error = Assert.Single(engine.Errors);
        Assert.Equal("KL9003", error.Code);
        Assert.Contains("KeyLockChangeDetection is 'ctime'", error.Message, StringComparison.Ordinal);
        Assert.Contains(engine.Messages, m => Text(m).Contains("1 of 1 packages with a content hash passed every check", StringComparison.Ordinal));
        Assert.False(File.Exists(_project.PassRecordPath));
    }

    [Fact]
    public void A_file_appearing_where_a_held_pass_found_nothing_is_not_recorded_as_verified()
    {
        var inputs = new VerificationInputs();
        var probed = Path.Combine(_project.Workspace.ProjectDirectory, "keylock.json");
        inputs.Probe(probed);
        using var held = HeldInputs.Hold(inputs, new[] { _project.Workspace.GlobalPackages });

        File.WriteAllText(probed, "{}");

        Assert.Null(held.StampForRecord(inputs.Entries[0].Entry));
    }

    [Fact]
    public void A_project_file_changed_between_the_hold_and_the_record_is_not_recorded_as_verified()
    {
        // Files outside the packages folders are not held (restore or an editor may rewrite them any time): they must
        // simply be the same at the end.
        var policy = Path.Combine(_project.Workspace.ProjectDirectory, "keylock.json");
        File.WriteAllText(policy, "{}");
        var inputs = new VerificationInputs();
        inputs.Require(policy);
        using var held = HeldInputs.Hold(inputs, new[] { _project.Workspace.GlobalPackages });
        Assert.NotNull(held.StampForRecord(inputs.Entries[0].Entry));

        File.WriteAllText(policy, """{ "deny": [] }""");

        Assert.Null(held.StampForRecord(inputs.Entries[0].Entry));
    }

    [Fact]
    public void A_held_file_is_digested_as_it_was_verified_and_on_Windows_cannot_be_rewritten_meanwhile()
    {
        var inputs = new VerificationInputs();
        inputs.Require(_project.ConsumedDllPath, followLinks: false);
        var before = ContentStamp.Of(_project.ConsumedDllPath, followLinks: false);
        using var held = HeldInputs.Hold(inputs, new[] { _project.Workspace.GlobalPackages });
        Assert.Null(held.Problem);

        if (OperatingSystem.IsWindows())
        {
            // Windows enforces the share mode: the hold is what makes the digest the verified bytes.
            Assert.ThrowsAny<IOException>(() => File.WriteAllBytes(_project.ConsumedDllPath, new byte[] { 1 }));
            Assert.ThrowsAny<IOException>(() => File.Delete(_project.ConsumedDllPath));
        }

        Assert.Equal(before, held.StampForRecord(inputs.Entries[0].Entry));
    }

    [Fact]
    public void A_held_file_is_looked_up_with_the_packages_folders_path_rule()
    {
        var inputs = new VerificationInputs();
        inputs.Require(_project.ConsumedDllPath, followLinks: false);
        using var held = HeldInputs.Hold(inputs, new[] { _project.Workspace.GlobalPackages });
        var otherCase = _project.ConsumedDllPath.ToUpperInvariant();
        Assert.NotEqual(_project.ConsumedDllPath, otherCase);

        Assert.True(HeldInputs.TryGetHeldDigest(_project.ConsumedDllPath, out _, out _));

        // On Windows the verdict cache may name a held file with other casing: the same file, so the same held digest
        // (else its verdicts would last one build only). Elsewhere another spelling is another file.
        Assert.Equal(OperatingSystem.IsWindows(), HeldInputs.TryGetHeldDigest(otherCase, out _, out _));
    }

    [Fact]
    public void After_a_change_the_verdicts_of_unchanged_files_are_reused_keyed_by_their_digests()
    {
        RecordPass(_project);
        var signatureVerdict = Assert.Single(File.ReadAllLines(_project.CachePath), l => l.Contains("\tP\tS|", StringComparison.Ordinal));
        Assert.Contains("|sha256:", signatureVerdict, StringComparison.Ordinal);

        // A build that cannot replay (no pass record) takes each verdict from the cache: it keeps the time it was first
        // verified (whole seconds), where a new verification would write a later one.
        Thread.Sleep(TimeSpan.FromSeconds(1.5));
        File.Delete(_project.PassRecordPath);
        Assert.True(_project.Build(out var second), SignedPackageProject.Errors(second));

        Assert.Contains(second.Messages, m => Text(m).Contains("4 verdict(s) from earlier builds", StringComparison.Ordinal));
        Assert.Contains(signatureVerdict, File.ReadAllLines(_project.CachePath));
    }

    [Theory]
    [InlineData("archive", "KL5003")]
    [InlineData("extracted file", "KL5008")]
    public void A_cached_verdict_never_covers_bytes_that_changed(string what, string code)
    {
        RecordPass(_project);
        File.Delete(_project.PassRecordPath);

        TestPackage.FlipByteKeepingStamp(what == "archive" ? _project.NupkgPath : _project.ConsumedDllPath);

        Assert.False(_project.Build(out var engine));
        Assert.Contains(engine.Errors, e => e.Code == code || (what == "archive" && e.Code == "KL5005"));
    }
}
