using KeyLock.Tasks.Tests.Infrastructure;
using static KeyLock.Tasks.Tests.Infrastructure.FastPathBuilds;

namespace KeyLock.Tasks.Tests;

/// <summary>The fast path and task parameters: a pass recorded under other parameters is never replayed.</summary>
public sealed class FastPathParameterTests : IDisposable
{
    private readonly SignedPackageProject _project = new();

    public void Dispose() => _project.Dispose();

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
        _ = what; // names the case in the test explorer
        RecordPass(_project);

        // Some changes pass, some fail (a trusted-roots folder that does not exist): neither may be a replay.
        _project.Build(out var engine, change);

        Assert.DoesNotContain(engine.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(engine.Messages, m => Text(m).Contains("task parameters changed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_parameter_change_that_exposes_a_problem_reports_it()
    {
        RecordPass(_project);

        // Nothing about the package changed, but a cooldown longer than the package's age must be applied, not replayed away.
        Assert.False(_project.Build(out var engine, t => t.MinimumPackageAgeDays = "100000"));
        Assert.Equal("KL6020", Assert.Single(engine.Errors).Code);
    }

    [Theory]
    [InlineData("HOME", "/home/other")]
    [InlineData("USERPROFILE", @"C:\Users\other")]
    [InlineData("AppData", @"C:\Users\other\AppData\Roaming")]
    [InlineData("NUGET_COMMON_APPLICATION_DATA", "/srv/nuget")]
    [InlineData("DOTNET_CLI_HOME", "/srv/cli")]
    public void The_environment_that_moves_NuGets_config_folders_is_part_of_the_fingerprint(string variable, string value)
    {
        var environment = new System.Collections.Hashtable { ["HOME"] = "/home/me", ["PATH"] = "/usr/bin" };
        var before = Incremental.TaskParameters.EnvironmentFingerprint(environment);

        environment[variable] = value;

        Assert.NotEqual(before, Incremental.TaskParameters.EnvironmentFingerprint(environment));
    }

    [Fact]
    public void Other_environment_variables_are_not()
    {
        var environment = new System.Collections.Hashtable { ["HOME"] = "/home/me", ["PATH"] = "/usr/bin" };
        var before = Incremental.TaskParameters.EnvironmentFingerprint(environment);

        environment["PATH"] = "/opt/bin";
        environment["TERM"] = "xterm";

        Assert.Equal(before, Incremental.TaskParameters.EnvironmentFingerprint(environment));
    }
}
