using System.IO.Compression;
using System.Text;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Policy;
using KeyLock.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using KeyLock.TestSupport;

namespace KeyLock.Tasks.Tests;

public sealed class BuildCodeTests : IDisposable
{
    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    /// <summary>An unsigned package with the given extra entries, in the workspace's packages folder.</summary>
    private LockEntry AddPackageWith(string id, string version, params string[] entries)
    {
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, id, version);
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        using (var zip = new ZipArchive(new FileStream(nupkg, FileMode.Create), ZipArchiveMode.Create))
        {
            Write(zip, id + ".nuspec",
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">" +
                $"<metadata><id>{id}</id><version>{version}</version><authors>t</authors><description>d</description></metadata></package>");
            Write(zip, $"lib/net10.0/{id}.dll", "dll");
            foreach (var entry in entries)
            {
                Write(zip, entry, "<Project />");
            }
        }

        return new LockEntry(id, version, ContentHashes.Sha512Base64(nupkg));
    }

    private LockEntry AddReal(string id, string version)
    {
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, id, version);
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        File.Copy(PackageFiles.RealSignedPackage(id, version), nupkg);
        return new LockEntry(id, version, ContentHasher.Compute(nupkg, CancellationToken.None));
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private VerifyLockedPackages Task(string? policy = null)
    {
        var task = _ws.CreateTask(_engine);
        task.VerifySignatures = false;
        task.BuildCodePolicy = policy;
        return task;
    }

    private string? BuildCodeSummary() =>
        _engine.Messages.Select(m => m.Message).SingleOrDefault(m => m!.StartsWith("KeyLock: build-time code", StringComparison.Ordinal));

    [Fact]
    public void Inspector_finds_every_kind_of_build_time_code()
    {
        AddPackageWith("Hooks", "1.0.0",
            "build/Hooks.targets", "build/net8.0/Hooks.props", "buildTransitive/Hooks.targets", "buildMultiTargeting/Hooks.targets",
            "build/readme.txt", "analyzers/dotnet/cs/Hooks.Generator.dll", "analyzers/dotnet/cs/readme.md", "tools/init.ps1", "tools/helper.exe");

        var facts = PackageInspector.Read(TestPackage.NupkgPath(_ws.GlobalPackages, "Hooks", "1.0.0"), CancellationToken.None);

        Assert.Equal(
            new[] { "build/Hooks.targets", "build/net8.0/Hooks.props", "buildMultiTargeting/Hooks.targets", "buildTransitive/Hooks.targets" },
            facts.BuildFiles);
        Assert.Equal(new[] { "analyzers/dotnet/cs/Hooks.Generator.dll" }, facts.AnalyzerFiles);
        Assert.Equal(new[] { "tools/init.ps1" }, facts.ToolScripts);
        Assert.Equal("unsigned", facts.NoPublicationTimeReason);
    }

    [Fact]
    public void Unallowed_build_code_is_a_KL7001_warning_by_default_listing_what_it_brings()
    {
        var lockFile = new LockFileText().Target("net10.0", _ws.AddPackage("Plain", "1.0.0"),
            AddPackageWith("Evil.Hooks", "1.0.0", "build/Evil.Hooks.targets", "analyzers/dotnet/cs/Evil.dll")).WriteTo(_ws.DefaultLockFile);

        var task = Task();
        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("KL7001", warning.Code);
        Assert.Equal(lockFile, warning.File);
        Assert.Equal(LockFileText.LineOf(lockFile, "Evil.Hooks"), warning.LineNumber);
        Assert.Contains("Evil.Hooks 1.0.0 brings code that runs during the build", warning.Message);
        Assert.Contains("build/Evil.Hooks.targets", warning.Message);
        Assert.Contains("analyzers/dotnet/cs/Evil.dll", warning.Message);
        Assert.Contains("\"allow\": [ \"Evil.Hooks\" ]", warning.Message);
        Assert.Equal(2, task.VerifiedPackageCount);
        Assert.Equal(
            "KeyLock: build-time code in the package graph: Evil.Hooks 1.0.0 (1 props/targets, 1 analyzer/generator assemblies; not allowed).",
            BuildCodeSummary());
        Assert.Equal(MessageImportance.High, _engine.Messages.Single(m => m.Message == BuildCodeSummary()).Importance);
    }

    [Fact]
    public void Policy_error_makes_KL7001_an_error()
    {
        new LockFileText().Target("net10.0", AddPackageWith("Evil.Hooks", "1.0.0", "build/Evil.Hooks.targets")).WriteTo(_ws.DefaultLockFile);

        Assert.False(Task("error").Execute());

        Assert.Equal("KL7001", Assert.Single(_engine.Errors).Code);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Policy_off_reports_nothing()
    {
        new LockFileText().Target("net10.0", AddPackageWith("Evil.Hooks", "1.0.0", "build/Evil.Hooks.targets")).WriteTo(_ws.DefaultLockFile);

        Assert.True(Task("off").Execute());

        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.Null(BuildCodeSummary());
    }

    [Fact]
    public void Allowed_in_keylock_json_by_id_or_prefix_and_policy_from_the_file()
    {
        new LockFileText().Target("net10.0",
            AddPackageWith("Evil.Hooks", "1.0.0", "build/Evil.Hooks.targets"),
            AddPackageWith("Contoso.Build.Tasks", "2.0.0", "buildTransitive/Contoso.Build.Tasks.targets")).WriteTo(_ws.DefaultLockFile);
        File.WriteAllText(Path.Combine(_ws.Root, "keylock.json"), """{ "buildCode": { "policy": "error", "allow": [ "evil.hooks", "Contoso.*" ] } }""");

        Assert.True(Task().Execute());

        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.Equal(
            "KeyLock: build-time code in the package graph: Evil.Hooks 1.0.0 (1 props/targets; allowed by \"evil.hooks\"), " +
            "Contoso.Build.Tasks 2.0.0 (1 props/targets; allowed by \"Contoso.*\").",
            BuildCodeSummary());
        // Everything allowed: the inventory is not part of a plain build's output (one KeyLock line on success).
        Assert.Equal(MessageImportance.Normal, _engine.Messages.Single(m => m.Message == BuildCodeSummary()).Importance);
    }

    [Fact]
    public void KeyLock_itself_is_allowed()
    {
        new LockFileText().Target("net10.0", AddPackageWith("KeyLock", "0.1.0", "build/KeyLock.targets", "analyzers/dotnet/cs/KeyLock.Analyzers.dll"))
            .WriteTo(_ws.DefaultLockFile);

        Assert.True(Task("error").Execute());
        Assert.Empty(_engine.Errors);
        Assert.Contains("KeyLock 0.1.0 (1 props/targets, 1 analyzer/generator assemblies; KeyLock itself)", BuildCodeSummary());
    }

    [Fact]
    public void Microsoft_prefix_needs_the_Microsoft_author_signature()
    {
        new LockFileText().Target("net10.0",
            AddReal("Microsoft.CodeCoverage", "18.0.1"),
            AddPackageWith("Microsoft.Evil", "1.0.0", "build/Microsoft.Evil.targets")).WriteTo(_ws.DefaultLockFile);

        Assert.False(Task("error").Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL7001", error.Code);
        Assert.Contains("Microsoft.Evil 1.0.0", error.Message);
        Assert.Contains("Microsoft.CodeCoverage 18.0.1 (", BuildCodeSummary());
        Assert.Contains("; Microsoft-signed)", BuildCodeSummary());
    }

    [Fact]
    public void Signed_non_Microsoft_analyzer_package_is_reported_with_its_scripts()
    {
        new LockFileText().Target("net10.0", AddReal("xunit.analyzers", "1.18.0")).WriteTo(_ws.DefaultLockFile);

        Assert.True(Task().Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("KL7001", warning.Code);
        Assert.Contains("analyzers/dotnet/cs/xunit.analyzers.dll", warning.Message);
        Assert.Contains("tools/install.ps1", warning.Message);
    }

    [Fact]
    public void Allowance_rules()
    {
        var policy = new KeyLockPolicy();
        var microsoftSigned = new PackageFacts { MicrosoftAuthorSigned = true };
        var unsigned = new PackageFacts();

        Assert.Equal("Microsoft-signed", BuildCodeGate.Allowance(policy, "System.Text.Json", microsoftSigned));
        Assert.Null(BuildCodeGate.Allowance(policy, "System.Text.Json", unsigned));
        Assert.Null(BuildCodeGate.Allowance(policy, "Contoso.Build", microsoftSigned));
        Assert.Null(BuildCodeGate.Allowance(policy, "MicrosoftEvil", microsoftSigned));
        Assert.Equal("KeyLock itself", BuildCodeGate.Allowance(policy, "keylock", unsigned));
        Assert.Null(BuildCodeGate.Allowance(policy, "KeyLock.Evil", unsigned));
    }
}
