using KeyLock.Tasks.Policy;
using KeyLock.Tasks.Reporting;
using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

public sealed class PolicyFileTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string WritePolicy(string directory, string json)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "keylock.json");
        File.WriteAllText(path, json);
        return path;
    }

    private (KeyLockPolicy Policy, List<Finding> Findings) Load(PolicyLoader.Overrides? overrides = null)
    {
        var findings = new List<Finding>();
        var policy = PolicyLoader.Load(_ws.ProjectDirectory, "/fake/App.csproj", overrides ?? new PolicyLoader.Overrides(), findings);
        return (policy, findings);
    }

    [Fact]
    public void No_file_gives_the_default_policy()
    {
        var (policy, findings) = Load();

        Assert.Empty(findings);
        Assert.Null(policy.FilePath);
        Assert.False(policy.CooldownEnabled);
        Assert.Empty(policy.Deny);
        Assert.Equal(BuildCodeMode.Warn, policy.BuildCode);
    }

    [Fact]
    public void File_is_found_by_walking_up_and_the_nearest_one_wins()
    {
        WritePolicy(_ws.Root, """{ "minimumPackageAgeDays": 9 }""");
        var (policy, findings) = Load();
        Assert.Empty(findings);
        Assert.Equal(Path.Combine(_ws.Root, "keylock.json"), policy.FilePath);
        Assert.Equal(9, policy.MinimumPackageAgeDays);

        var nearer = WritePolicy(Path.Combine(_ws.Root, "src"), """{ "minimumPackageAgeDays": 2 }""");
        (policy, findings) = Load();
        Assert.Empty(findings);
        Assert.Equal(nearer, policy.FilePath);
        Assert.Equal(2, policy.MinimumPackageAgeDays);
    }

    [Fact]
    public void Every_setting_is_read_with_comments_and_trailing_commas()
    {
        WritePolicy(_ws.ProjectDirectory, """
            {
              // the team's policy
              "$schema": "https://example.invalid/keylock.schema.json",
              "minimumPackageAgeDays": 3.5,
              "cooldownExceptions": [ "Contoso.*", "Fabrikam.Core" ],
              "deny": [ { "id": "Newtonsoft.Json", "versions": "[13.0.3]", "reason": "known bad" }, ],
              "buildCode": { "policy": "error", "allow": [ "Contoso.Build", "Tools.*" ] },
            }
            """);

        var (policy, findings) = Load();

        Assert.Empty(findings);
        Assert.Equal(3.5, policy.MinimumPackageAgeDays);
        Assert.Equal(new[] { "Contoso.*", "Fabrikam.Core" }, policy.CooldownExceptions.Select(p => p.Text));
        var rule = Assert.Single(policy.Deny);
        Assert.Equal("Newtonsoft.Json", rule.Id);
        Assert.Equal("known bad", rule.Reason);
        Assert.Equal(6, rule.Location.Line);
        Assert.True(rule.Matches("newtonsoft.json", NuGet.Versioning.NuGetVersion.Parse("13.0.3")));
        Assert.False(rule.Matches("Newtonsoft.Json", NuGet.Versioning.NuGetVersion.Parse("13.0.4")));
        Assert.Equal(BuildCodeMode.Error, policy.BuildCode);
        Assert.Equal(new[] { "Contoso.Build", "Tools.*" }, policy.BuildCodeAllow.Select(p => p.Text));
    }

    [Fact]
    public void MSBuild_properties_override_the_file()
    {
        WritePolicy(_ws.ProjectDirectory, """{ "minimumPackageAgeDays": 30, "buildCode": { "policy": "error" } }""");

        var (policy, findings) = Load(new PolicyLoader.Overrides { MinimumPackageAgeDays = "1", BuildCodePolicy = "off" });

        Assert.Empty(findings);
        Assert.Equal(1, policy.MinimumPackageAgeDays);
        Assert.Equal("KeyLockMinimumPackageAgeDays", policy.MinimumPackageAgeSource);
        Assert.Equal(BuildCodeMode.Off, policy.BuildCode);
    }

    [Fact]
    public void Explicit_policy_file_is_used_and_a_missing_one_is_KL9020()
    {
        var elsewhere = WritePolicy(Path.Combine(_ws.Root, "policies"), """{ "minimumPackageAgeDays": 4 }""");
        var (policy, findings) = Load(new PolicyLoader.Overrides { PolicyFile = "../../policies/keylock.json" });
        Assert.Empty(findings);
        Assert.Equal(elsewhere, policy.FilePath);
        Assert.Equal(4, policy.MinimumPackageAgeDays);

        (_, findings) = Load(new PolicyLoader.Overrides { PolicyFile = "nope.json" });
        var finding = Assert.Single(findings);
        Assert.Equal("KL9020", finding.Code.Id);
        Assert.Contains("nope.json", finding.Message);
    }

    [Theory]
    [InlineData("{ \"minimumPackageAgeDays\": 3,\n  \"deny\": [ }", 2, "not valid JSON")]
    [InlineData("[]", 1, "top level must be an object")]
    [InlineData("{\n  \"minimumPackageAge\": 3\n}", 2, "unknown setting \"minimumPackageAge\"")]
    [InlineData("{\n  \"minimumPackageAgeDays\": -1\n}", 2, "must be 0 or more")]
    [InlineData("{\n  \"minimumPackageAgeDays\": \"7\"\n}", 2, "must be a number, not a string")]
    [InlineData("{\n  \"deny\": [\n    { \"id\": \"A\", \"versions\": \"[1.0\", \"reason\": \"r\" }\n  ]\n}", 3, "not a NuGet version range")]
    [InlineData("{\n  \"deny\": [\n    { \"id\": \"A\", \"versions\": \"[1.0.0]\" }\n  ]\n}", 3, "needs a \"reason\"")]
    [InlineData("{\n  \"deny\": [\n    { \"id\": \"A.*\", \"reason\": \"r\" }\n  ]\n}", 3, "is not a package id")]
    [InlineData("{\n  \"buildCode\": { \"allow\": [ \"A*B\" ] }\n}", 2, "not at the end")]
    [InlineData("{\n  \"buildCode\": { \"policy\": \"loud\" }\n}", 2, "not a build-code policy")]
    [InlineData("{ \"deny\": [], \"deny\": [] }", 1, "appears twice")]
    [InlineData("", 1, "not valid JSON")]
    public void Malformed_policy_is_KL9020_at_the_offending_line(string json, int line, string expected)
    {
        var path = WritePolicy(_ws.ProjectDirectory, json);

        var (_, findings) = Load();

        var finding = Assert.Single(findings);
        Assert.Equal("KL9020", finding.Code.Id);
        Assert.Equal(path, finding.Location.File);
        Assert.Equal(line, finding.Location.Line);
        Assert.Contains(expected, finding.Message);
    }

    [Fact]
    public void Invalid_build_code_policy_fails_closed_as_error()
    {
        WritePolicy(_ws.ProjectDirectory, """{ "buildCode": { "policy": "loud" } }""");
        var (policy, _) = Load();
        Assert.Equal(BuildCodeMode.Error, policy.BuildCode);

        File.Delete(Path.Combine(_ws.ProjectDirectory, "keylock.json"));
        var (fromProperty, findings) = Load(new PolicyLoader.Overrides { BuildCodePolicy = "sometimes" });
        Assert.Equal(BuildCodeMode.Error, fromProperty.BuildCode);
        Assert.Equal("KL9003", Assert.Single(findings).Code.Id);
    }

    [Fact]
    public void Invalid_minimum_age_property_is_KL9003()
    {
        var (_, findings) = Load(new PolicyLoader.Overrides { MinimumPackageAgeDays = "a week" });

        var finding = Assert.Single(findings);
        Assert.Equal("KL9003", finding.Code.Id);
        Assert.Contains("KeyLockMinimumPackageAgeDays", finding.Message);
    }

    [Theory]
    [InlineData("Contoso.*", "Contoso.Build", true)]
    [InlineData("Contoso.*", "contoso.build.tasks", true)]
    [InlineData("Contoso.*", "Contoso", false)]
    [InlineData("Contoso.*", "ContosoEvil", false)]
    [InlineData("Contoso", "contoso", true)]
    [InlineData("Contoso", "Contoso.Build", false)]
    [InlineData("*", "Anything", true)]
    public void Package_patterns(string pattern, string id, bool matches)
    {
        var parsed = PackagePattern.TryParse(pattern, out var problem);

        Assert.Null(problem);
        Assert.Equal(matches, parsed!.Matches(id));
    }

    [Fact]
    public void Malformed_keylock_json_fails_the_task_with_KL9020()
    {
        var entry = _ws.AddPackage("Alpha", "1.0.0");
        new LockFileText().Target("net10.0", entry).WriteTo(_ws.DefaultLockFile);
        var policy = WritePolicy(_ws.ProjectDirectory, "{ \"deny\": 5 }");
        var engine = new FakeBuildEngine();

        Assert.False(_ws.CreateTask(engine).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("KL9020", error.Code);
        Assert.Equal(policy, error.File);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(11, error.ColumnNumber);
    }
}

public sealed class PolicyJsonTests
{
    [Fact]
    public void Positions_are_one_based_lines_and_character_columns_with_BOM_CRLF_and_non_ASCII()
    {
        var text = "\uFEFF{\r\n  \"$comment\": \"caf\u00e9\", \"deny\": [\r\n    { \"id\": \"A\" }\r\n  ]\r\n}";
        var root = KeyLock.Tasks.Policy.PolicyJsonNode.Parse(System.Text.Encoding.UTF8.GetBytes(text));

        var deny = root.Properties.Single(p => p.Key == "deny").Value;
        Assert.Equal(2, deny.Line);
        Assert.Equal(31, deny.Column); // characters, not bytes: "é" is two bytes in UTF-8
        var entry = Assert.Single(deny.Items);
        Assert.Equal(3, entry.Line);
        Assert.Equal(5, entry.Column);
    }

    [Fact]
    public void Trailing_text_after_the_object_is_rejected()
    {
        var ex = Assert.Throws<KeyLock.Tasks.Policy.PolicyJsonException>(() =>
            KeyLock.Tasks.Policy.PolicyJsonNode.Parse(System.Text.Encoding.UTF8.GetBytes("{}\n{}")));
        Assert.Equal(2, ex.Line);
    }
}
