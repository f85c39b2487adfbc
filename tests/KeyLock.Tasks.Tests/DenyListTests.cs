using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

public sealed class DenyListTests : IDisposable
{
    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    private string Lock(params LockEntry[] entries) => new LockFileText().Target("net10.0", entries).WriteTo(_ws.DefaultLockFile);

    private void Policy(string json) => File.WriteAllText(Path.Combine(_ws.Root, "keylock.json"), json);

    [Fact]
    public void Locked_version_in_a_denied_range_is_KL5020_at_its_lock_line_quoting_the_reason()
    {
        var lockFile = Lock(_ws.AddPackage("Alpha", "1.0.0"), _ws.AddPackage("Beta", "2.5.0", type: "Transitive"));
        Policy("""
            {
              "deny": [
                { "id": "beta", "versions": "[2.0.0, 3.0.0)", "reason": "Beta 2.x exfiltrates environment variables (advisory X-1)" }
              ]
            }
            """);

        Assert.False(_ws.CreateTask(_engine).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5020", error.Code);
        Assert.Equal(lockFile, error.File);
        Assert.Equal(LockFileText.LineOf(lockFile, "Beta"), error.LineNumber);
        Assert.Contains("Beta 2.5.0 is on the deny list", error.Message);
        Assert.Contains("\"Beta 2.x exfiltrates environment variables (advisory X-1)\"", error.Message);
        Assert.Contains("[2.0.0, 3.0.0)", error.Message);
        Assert.Contains("keylock.json(3,5)", error.Message);
        Assert.Equal("https://github.com/keylock-dev/keylock/blob/main/docs/rules/KL5020.md", error.HelpLink);
    }

    [Fact]
    public void Versions_outside_the_range_and_other_ids_pass()
    {
        Lock(_ws.AddPackage("Alpha", "1.0.0"), _ws.AddPackage("Beta", "3.0.0"));
        Policy("""{ "deny": [ { "id": "Beta", "versions": "[2.0.0, 3.0.0)", "reason": "r" }, { "id": "Gamma", "reason": "all of it" } ] }""");

        Assert.True(_ws.CreateTask(_engine).Execute());
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Rule_without_versions_denies_every_version()
    {
        Lock(_ws.AddPackage("Gamma", "0.0.1-alpha"));
        Policy("""{ "deny": [ { "id": "Gamma", "reason": "typosquat of Gama" } ] }""");

        Assert.False(_ws.CreateTask(_engine).Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL5020", error.Code);
        Assert.Contains("\"typosquat of Gama\"", error.Message);
    }

    [Fact]
    public void Denied_package_is_reported_even_when_its_archive_is_fine_and_alongside_other_findings()
    {
        var lockFile = Lock(_ws.AddPackage("Alpha", "1.0.0"), _ws.AddPackage("Beta", "1.0.0"));
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Beta", "1.0.0"), "Beta", "1.0.0", "tampered");
        Policy("""{ "deny": [ { "id": "Alpha", "versions": "[1.0.0]", "reason": "r" } ] }""");

        Assert.False(_ws.CreateTask(_engine).Execute());

        Assert.Equal(new[] { "KL5020", "KL5003" }, _engine.Errors.Select(e => e.Code));
        Assert.Equal(LockFileText.LineOf(lockFile, "Alpha"), _engine.Errors[0].LineNumber);
    }
}
