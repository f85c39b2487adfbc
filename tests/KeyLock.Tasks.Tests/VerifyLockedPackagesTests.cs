using KeyLock.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using KeyLock.TestSupport;

namespace KeyLock.Tasks.Tests;

public sealed class VerifyLockedPackagesTests : IDisposable
{
    private const string SummaryPrefix = "KeyLock: verified ";

    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void All_packages_match_logs_summary_and_count()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var beta = _ws.AddPackage("Beta", "2.1.0-preview.1", type: "Transitive");
        new LockFileText().Target("net10.0", alpha, beta).WriteTo(_ws.DefaultLockFile);

        var task = _ws.CreateTask(_engine);

        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.Equal(2, task.VerifiedPackageCount);
        var summary = Assert.Single(_engine.Messages, m => m.Message!.StartsWith(SummaryPrefix, StringComparison.Ordinal));
        Assert.Equal("KeyLock: verified 2 packages against packages.lock.json (content hash, signatures)", summary.Message);
        Assert.Equal(MessageImportance.High, summary.Importance);
    }

    [Fact]
    public void Mismatch_reports_KL5003_at_the_package_entry_line()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var beta = _ws.AddPackage("Beta", "2.0.0");
        var lockFile = new LockFileText().Target("net10.0", alpha, beta).WriteTo(_ws.DefaultLockFile);
        var betaNupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Beta", "2.0.0");
        TestPackage.WriteArchive(betaNupkg, "Beta", "2.0.0", payload: "swapped by a poisoned cache");
        var actualHash = ContentHashes.Sha512Base64(betaNupkg);

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Equal(lockFile, error.File);
        Assert.Equal(LockFileText.LineOf(lockFile, "Beta"), error.LineNumber);
        Assert.Equal(7, error.ColumnNumber);
        Assert.Contains("Beta 2.0.0", error.Message);
        Assert.Contains(betaNupkg, error.Message);
        Assert.Contains(beta.ContentHash![..12] + "\u2026", error.Message);
        Assert.Contains(actualHash[..12] + "\u2026", error.Message);
        Assert.Contains("restore", error.Message);
        Assert.Equal("https://github.com/keylock-dev/keylock/blob/main/docs/rules/KL5003.md", error.HelpLink);
        Assert.Equal(1, task.VerifiedPackageCount);
        Assert.DoesNotContain(_engine.Messages, m => m.Message!.StartsWith(SummaryPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_never_contain_a_full_hash()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0");
        TestPackage.WriteArchive(nupkg, "Alpha", "1.0.0", payload: "tampered");
        var actualHash = ContentHashes.Sha512Base64(nupkg);

        Assert.False(_ws.CreateTask(_engine).Execute());

        Assert.Single(_engine.Errors);
        foreach (var text in _engine.AllText)
        {
            Assert.DoesNotContain(alpha.ContentHash!, text);
            Assert.DoesNotContain(actualHash, text);
            Assert.DoesNotContain(actualHash[..20], text);
        }
    }

    [Fact]
    public void Two_mismatches_give_two_errors_in_lock_file_order()
    {
        var entries = new[] { "Alpha", "Beta", "Gamma" }.Select(id => _ws.AddPackage(id, "1.0.0")).ToArray();
        var lockFile = new LockFileText().Target("net10.0", entries).WriteTo(_ws.DefaultLockFile);
        foreach (var id in new[] { "Gamma", "Alpha" })
        {
            TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, id, "1.0.0"), id, "1.0.0", "evil " + id);
        }

        Assert.False(_ws.CreateTask(_engine).Execute());

        Assert.Equal(new[] { "KL5003", "KL5003" }, _engine.Errors.Select(e => e.Code));
        Assert.Equal(
            new[] { LockFileText.LineOf(lockFile, "Alpha"), LockFileText.LineOf(lockFile, "Gamma") },
            _engine.Errors.Select(e => e.LineNumber));
        Assert.Contains("Alpha 1.0.0", _engine.Errors[0].Message);
        Assert.Contains("Gamma 1.0.0", _engine.Errors[1].Message);
    }

    [Fact]
    public void Missing_archive_reports_KL5004_with_folders_searched()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var lockFile = new LockFileText()
            .Target("net10.0", alpha, new LockEntry("Ghost", "3.0.0", "R2hvc3RIYXNoR2hvc3RIYXNo"))
            .WriteTo(_ws.DefaultLockFile);

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5004", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, "Ghost"), error.LineNumber);
        Assert.Contains("Ghost 3.0.0", error.Message);
        Assert.Contains("ghost.3.0.0.nupkg", error.Message);
        Assert.Contains(_ws.GlobalPackages, error.Message);
        Assert.Contains(_ws.FallbackPackages, error.Message);
        Assert.Equal(1, task.VerifiedPackageCount);
    }

    [Fact]
    public void Archive_in_fallback_folder_is_found_and_verified()
    {
        var fromFallback = _ws.AddPackage("Fallen", "1.2.3", folder: _ws.FallbackPackages);
        new LockFileText().Target("net10.0", fromFallback).WriteTo(_ws.DefaultLockFile);

        var task = _ws.CreateTask(_engine);

        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.Equal(1, task.VerifiedPackageCount);
    }

    [Fact]
    public void Tampered_archive_in_fallback_folder_is_reported()
    {
        var fromFallback = _ws.AddPackage("Fallen", "1.2.3", folder: _ws.FallbackPackages);
        new LockFileText().Target("net10.0", fromFallback).WriteTo(_ws.DefaultLockFile);
        var nupkg = TestPackage.NupkgPath(_ws.FallbackPackages, "Fallen", "1.2.3");
        TestPackage.WriteArchive(nupkg, "Fallen", "1.2.3", "other");

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Contains(nupkg, error.Message);
    }

    [Fact]
    public void Package_installed_in_global_folder_without_archive_is_KL5004_even_if_fallback_has_one()
    {
        // The build uses the first installed copy; verifying a different copy further down would prove nothing.
        var entry = _ws.AddPackage("Split", "1.0.0", folder: _ws.FallbackPackages);
        var gpfCopy = TestPackage.Create(_ws.GlobalPackages, "Split", "1.0.0", payload: "Split1.0.0");
        File.Delete(gpfCopy);
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5004", error.Code);
        Assert.Contains(TestPackage.VersionFolder(_ws.GlobalPackages, "Split", "1.0.0"), error.Message);
    }

    [Fact]
    public void No_lock_file_reports_KL5001_with_how_to_enable_and_opt_out()
    {
        _engine.ProjectFileOfTaskNode = Path.Combine(_ws.ProjectDirectory, "App.csproj");

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5001", error.Code);
        Assert.Equal(_engine.ProjectFileOfTaskNode, error.File);
        Assert.Contains("<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>", error.Message);
        Assert.Contains("KeyLockVerifyPackages", error.Message);
        Assert.Contains("false", error.Message);
        Assert.Contains(_ws.DefaultLockFile, error.Message);
        Assert.Equal(0, task.VerifiedPackageCount);
    }

    [Fact]
    public void Project_specific_lock_file_wins_over_packages_lock_json()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(Path.Combine(_ws.ProjectDirectory, "packages.My_App.lock.json"));
        new LockFileText().Target("net10.0", alpha with { ContentHash = "V3JvbmdXcm9uZ1dyb25nV3Jvbmc=" }).WriteTo(_ws.DefaultLockFile);

        var task = _ws.CreateTask(_engine, projectName: "My App");

        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Messages, m => m.Message == "KeyLock: verified 1 packages against packages.My_App.lock.json (content hash, signatures)");
    }

    [Fact]
    public void Default_lock_file_is_used_when_no_project_specific_one_exists()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha with { ContentHash = "V3JvbmdXcm9uZ1dyb25nV3Jvbmc=" }).WriteTo(_ws.DefaultLockFile);

        Assert.False(_ws.CreateTask(_engine, projectName: "My App").Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Equal(_ws.DefaultLockFile, error.File);
    }

    [Fact]
    public void Explicit_relative_lock_file_path_is_resolved_against_the_project_directory()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var locksDir = Path.Combine(_ws.Root, "src", "locks");
        Directory.CreateDirectory(locksDir);
        var lockFile = new LockFileText().Target("net10.0", alpha with { ContentHash = "V3JvbmdXcm9uZ1dyb25nV3Jvbmc=" })
            .WriteTo(Path.Combine(locksDir, "app.lock.json"));
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);

        Assert.False(_ws.CreateTask(_engine, lockFilePath: Path.Combine("..", "locks", "app.lock.json")).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Equal(lockFile, error.File);
    }

    [Fact]
    public void Explicit_lock_file_path_that_does_not_exist_is_KL5001()
    {
        new LockFileText().Target("net10.0", _ws.AddPackage("Alpha", "1.0.0")).WriteTo(_ws.DefaultLockFile);

        Assert.False(_ws.CreateTask(_engine, lockFilePath: "missing.lock.json").Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5001", error.Code);
        Assert.Contains("NuGetLockFilePath", error.Message);
        Assert.Contains(Path.Combine(_ws.ProjectDirectory, "missing.lock.json"), error.Message);
    }

    [Fact]
    public void Malformed_json_is_KL5002_with_position_and_no_exception()
    {
        File.WriteAllText(_ws.DefaultLockFile, "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net10.0\": {\n      \"Alpha\": { \"type\": \"Direct\" oops\n");

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5002", error.Code);
        Assert.Equal(_ws.DefaultLockFile, error.File);
        Assert.Equal(5, error.LineNumber);
        Assert.True(error.ColumnNumber > 0);
        Assert.Contains("not valid JSON", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.DoesNotContain("LineNumber:", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Json_that_is_not_a_lock_file_is_KL5002(string content)
    {
        File.WriteAllText(_ws.DefaultLockFile, content);

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5002", error.Code);
        Assert.Equal(_ws.DefaultLockFile, error.File);
        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void Entry_with_a_resolved_value_that_is_no_version_is_KL5002_at_the_entry()
    {
        File.WriteAllText(
            _ws.DefaultLockFile,
            "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net10.0\": {\n      \"Alpha\": { \"type\": \"Direct\", \"resolved\": \"not-a-version\" }\n    }\n  }\n}\n");

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5002", error.Code);
        Assert.Equal((5, 7), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("'Alpha' has \"resolved\" 'not-a-version', which is not a version", error.Message);
    }

    [Fact]
    public void Truncated_archive_is_KL5005()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var lockFile = new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0");
        var bytes = File.ReadAllBytes(nupkg);
        File.WriteAllBytes(nupkg, bytes[..(bytes.Length / 2)]);

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5005", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, "Alpha"), error.LineNumber);
        Assert.Contains("Alpha 1.0.0", error.Message);
        Assert.Contains(nupkg, error.Message);
    }

    [Fact]
    public void File_that_is_not_a_zip_is_KL5005()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        File.WriteAllText(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0"), "#!/bin/sh\necho pwned\n");

        Assert.False(_ws.CreateTask(_engine).Execute());

        Assert.Equal("KL5005", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Project_entries_are_skipped()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha, LockEntry.Project("Sibling.Library")).WriteTo(_ws.DefaultLockFile);

        var task = _ws.CreateTask(_engine);

        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.Equal(1, task.VerifiedPackageCount);
    }

    [Fact]
    public void Packages_in_several_targets_are_verified_once()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var beta = _ws.AddPackage("Beta", "2.0.0", type: "Transitive");
        var gamma = _ws.AddPackage("Gamma", "1.0.0", type: "Transitive");
        var lockFile = new LockFileText()
            .Target("net8.0", alpha, beta)
            .Target("net10.0", alpha, beta, gamma)
            .Target("net10.0/linux-x64", alpha, beta, gamma)
            .WriteTo(_ws.DefaultLockFile);
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Beta", "2.0.0"), "Beta", "2.0.0", "evil");

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, "Beta", target: "net8.0"), error.LineNumber);
        Assert.Equal(2, task.VerifiedPackageCount);
    }

    [Fact]
    public void Package_only_in_a_runtime_section_is_verified()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var native = _ws.AddPackage("runtime.linux-x64.Native", "1.0.0", type: "Transitive");
        var lockFile = new LockFileText()
            .Target("net10.0", alpha)
            .Target("net10.0/linux-x64", alpha, native)
            .WriteTo(_ws.DefaultLockFile);
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, native.Id, "1.0.0"), native.Id, "1.0.0", "evil");

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(LockFileText.LineOf(lockFile, native.Id, target: "net10.0/linux-x64"), error.LineNumber);
    }

    [Fact]
    public void Entry_without_content_hash_is_KL5006()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var beta = _ws.AddPackage("Beta", "1.0.0") with { ContentHash = "" };
        var lockFile = new LockFileText().Target("net10.0", alpha, beta, new LockEntry("Gamma", "1.0.0", null)).WriteTo(_ws.DefaultLockFile);

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        Assert.Equal(new[] { "KL5006", "KL5006" }, _engine.Errors.Select(e => e.Code));
        Assert.Equal(
            new[] { LockFileText.LineOf(lockFile, "Beta"), LockFileText.LineOf(lockFile, "Gamma") },
            _engine.Errors.Select(e => e.LineNumber));
        Assert.Equal(1, task.VerifiedPackageCount);
    }

    [Fact]
    public void Same_package_with_two_different_hashes_is_KL5002()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var lockFile = new LockFileText()
            .Target("net8.0", alpha)
            .Target("net10.0", alpha with { ContentHash = "T3RoZXJPdGhlck90aGVyT3RoZXI=" })
            .WriteTo(_ws.DefaultLockFile);

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5002", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, "Alpha", target: "net10.0"), error.LineNumber);
    }

    [Fact]
    public void All_kinds_of_findings_are_reported_in_one_run()
    {
        var ok = _ws.AddPackage("Ok", "1.0.0");
        var bad = _ws.AddPackage("Bad", "1.0.0");
        var corrupt = _ws.AddPackage("Corrupt", "1.0.0");
        var lockFile = new LockFileText()
            .Target("net10.0", new LockEntry("Missing", "1.0.0", "TWlzc2luZ01pc3NpbmdNaXNzaW5n"), corrupt, ok, bad)
            .WriteTo(_ws.DefaultLockFile);
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Bad", "1.0.0"), "Bad", "1.0.0", "evil");
        File.WriteAllBytes(TestPackage.NupkgPath(_ws.GlobalPackages, "Corrupt", "1.0.0"), new byte[] { 0x50, 0x4B, 0x03 });

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        Assert.Equal(new[] { "KL5004", "KL5005", "KL5003" }, _engine.Errors.Select(e => e.Code));
        Assert.Equal(
            new[] { LockFileText.LineOf(lockFile, "Missing"), LockFileText.LineOf(lockFile, "Corrupt"), LockFileText.LineOf(lockFile, "Bad") },
            _engine.Errors.Select(e => e.LineNumber));
        Assert.Equal(1, task.VerifiedPackageCount);
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("KeyLock: package verification failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Many_packages_are_all_verified()
    {
        var entries = Enumerable.Range(0, 40).Select(i => _ws.AddPackage($"Pkg{i:00}", "1.0." + i)).ToArray();
        new LockFileText().Target("net10.0", entries).WriteTo(_ws.DefaultLockFile);
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Pkg17", "1.0.17"), "Pkg17", "1.0.17", "evil");

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        Assert.Contains("Pkg17 1.0.17", Assert.Single(_engine.Errors).Message);
        Assert.Equal(39, task.VerifiedPackageCount);
    }

    [Fact]
    public void Verified_hashes_are_reused_within_one_build()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        Assert.True(_ws.CreateTask(_engine).Execute());

        // Same build (same engine): an unchanged file is not hashed again.
        Assert.True(_ws.CreateTask(_engine).Execute());
        Assert.Empty(_engine.Errors);
        Assert.Equal(1, _engine.RegisterCount);

        // A byte flipped with the write time put back: on Linux the stamp includes the inode's ctime, which the write
        // changed, so even the same build sees it; elsewhere the stamp is length and write time, and the next build sees it.
        TestPackage.FlipByteKeepingStamp(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0"));
        Assert.Equal(!OperatingSystem.IsLinux(), _ws.CreateTask(_engine).Execute());

        // The next build starts with an empty cache and sees the change.
        var nextBuild = new FakeBuildEngine();
        Assert.False(_ws.CreateTask(nextBuild).Execute());
        Assert.Equal("KL5003", Assert.Single(nextBuild.Errors).Code);
    }

    [Fact]
    public void A_changed_write_time_invalidates_the_cached_hash()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        Assert.True(_ws.CreateTask(_engine).Execute());

        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0");
        TestPackage.FlipByteKeepingStamp(nupkg);
        File.SetLastWriteTimeUtc(nupkg, DateTime.UtcNow.AddMinutes(1));

        Assert.False(_ws.CreateTask(_engine).Execute());
        Assert.Equal("KL5003", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Works_with_an_engine_that_cannot_hold_task_objects()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        var plain = new PlainBuildEngine();

        var task = _ws.CreateTask(plain);

        Assert.True(task.Execute());
        Assert.Empty(plain.Errors);
        Assert.Equal(1, task.VerifiedPackageCount);
    }

    [Fact]
    public void Unexpected_failure_is_KL9001_not_an_exception()
    {
        var task = _ws.CreateTask(_engine);
        task.ProjectDirectory = "bad\0path";

        var result = task.Execute();

        Assert.False(result);
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL9001", error.Code);
        Assert.Contains("System.ArgumentException", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.Low && m.Message!.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_lock_file_target_verifies_zero_packages()
    {
        File.WriteAllText(_ws.DefaultLockFile, "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net10.0\": {}\n  }\n}\n");

        var task = _ws.CreateTask(_engine);

        Assert.True(task.Execute());
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("KeyLock: verified 0 packages", StringComparison.Ordinal));
    }

    [Fact]
    public void Aliased_version_3_lock_file_is_read()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var beta = _ws.AddPackage("Beta", "1.0.0");
        File.WriteAllText(_ws.DefaultLockFile, $$"""
            {
              "version": 3,
              "main": {
                "framework": "net10.0",
                "dependencies": {
                  "Alpha": { "type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0", "contentHash": "{{alpha.ContentHash}}" },
                  "Beta": { "type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0", "contentHash": "{{beta.ContentHash}}" }
                }
              }
            }
            """);
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Beta", "1.0.0"), "Beta", "1.0.0", "evil");

        var task = _ws.CreateTask(_engine);

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Equal(7, error.LineNumber);
        Assert.Equal(1, task.VerifiedPackageCount);
    }

    [Fact]
    public void Braces_in_paths_do_not_break_messages()
    {
        using var ws = new Workspace("braces {0} {" + Guid.NewGuid().ToString("N") + "}");
        var alpha = ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(ws.DefaultLockFile);
        TestPackage.WriteArchive(TestPackage.NupkgPath(ws.GlobalPackages, "Alpha", "1.0.0"), "Alpha", "1.0.0", "evil");

        Assert.False(ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5003", error.Code);
        Assert.Contains(TestPackage.NupkgPath(ws.GlobalPackages, "Alpha", "1.0.0"), error.Message);
    }
}
