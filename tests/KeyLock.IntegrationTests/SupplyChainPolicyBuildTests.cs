using System.IO.Compression;
using System.Text;

namespace KeyLock.IntegrationTests;

/// <summary>
/// Real `dotnet build`s of throwaway consumers against the supply-chain policy: cooldown on a real nuget.org package,
/// deny list, and a local package whose build/*.targets runs an Exec before CoreCompile.
/// </summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class SupplyChainPolicyBuildTests(PackedKeyLock keyLock)
{
    private const string HookPackage = "Evil.Hooks";
    private const string HookVersion = "1.0.0";
    private const string MarkerFile = "evil-hook-ran.txt";

    [Fact]
    public void Cooldown_fails_a_real_nuget_org_package_with_an_absurd_minimum_age_and_passes_with_one_day()
    {
        var consumer = ConsumerProject.Create(keyLock, "cooldown", Programs.Clean);

        var tooYoung = consumer.Build("-p:KeyLockMinimumPackageAgeDays=100000");

        Assert.True(tooYoung.ExitCode == 1, tooYoung.ToString());
        Assert.Contains("error KL6020", tooYoung.Output);
        Assert.Contains($"Newtonsoft.Json {ConsumerProject.NewtonsoftVersion} was published on nuget.org at 2023-", tooYoung.Output);
        Assert.Contains("It becomes acceptable at", tooYoung.Output);
        Assert.Contains("packages.lock.json(", tooYoung.Output);

        var oneDay = consumer.Build("-p:KeyLockMinimumPackageAgeDays=1");

        Assert.True(oneDay.ExitCode == 0, oneDay.ToString());
        Assert.DoesNotContain("KL6020", oneDay.Output);
        Assert.Contains("KeyLock: verified 2 packages", oneDay.Output);
        // KeyLock itself comes from an unsigned local feed: it has no nuget.org timestamp and says so.
        Assert.Contains($"not applied to 1 package(s) without a trusted nuget.org publication time: KeyLock {keyLock.Version} (unsigned)", oneDay.Output);
    }

    [Fact]
    public void Deny_listed_version_fails_with_the_reason()
    {
        var consumer = ConsumerProject.Create(keyLock, "deny", Programs.Clean);
        File.WriteAllText(Path.Combine(consumer.Directory, "keylock.json"), $$"""
            {
              "deny": [
                { "id": "Newtonsoft.Json", "versions": "[{{ConsumerProject.NewtonsoftVersion}}]", "reason": "incident INC-42: do not ship this version" }
              ]
            }
            """);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 1, build.ToString());
        Assert.Contains("error KL5020", build.Output);
        Assert.Contains($"Newtonsoft.Json {ConsumerProject.NewtonsoftVersion} is on the deny list: \"incident INC-42: do not ship this version\"", build.Output);
    }

    [Fact]
    public void Local_package_with_build_targets_warns_by_default()
    {
        var consumer = CreateHookedConsumer("hook-warn");

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning KL7001", build.Output);
        Assert.Contains($"{HookPackage} {HookVersion} brings code that runs during the build", build.Output);
        Assert.Contains($"build/{HookPackage}.targets", build.Output);
        Assert.Contains($"{HookPackage} {HookVersion} (1 props/targets; not allowed)", build.Output);
        // Warn mode does not stop it: the hook really runs in this build (which is what error mode prevents).
        Assert.True(File.Exists(Path.Combine(consumer.Directory, MarkerFile)), build.ToString());
    }

    [Fact]
    public void Build_code_policy_error_fails_before_the_package_target_runs_and_an_allowance_lets_it_build()
    {
        var consumer = CreateHookedConsumer("hook-error");
        var marker = Path.Combine(consumer.Directory, MarkerFile);

        var blocked = consumer.Build("-p:KeyLockBuildCodePolicy=error");

        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        Assert.Contains("error KL7001", blocked.Output);
        Assert.False(File.Exists(marker), "the package's Exec ran although KeyLock failed the build:\n" + blocked);

        File.WriteAllText(Path.Combine(consumer.Directory, "keylock.json"), $$"""
            { "buildCode": { "policy": "error", "allow": [ "{{HookPackage}}" ] } }
            """);
        var allowed = consumer.Build("-v:n");

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.DoesNotContain("KL7001", allowed.Output);
        Assert.Contains($"{HookPackage} {HookVersion} (1 props/targets; allowed by \"{HookPackage}\")", allowed.Output);
        Assert.True(File.Exists(marker), allowed.ToString());
    }

    [Fact]
    public void Hardened_mode_fails_in_restore_before_a_tampered_InitialTargets_Exec_can_run_and_no_restore_builds_still_verify()
    {
        var consumer = CreateHookedConsumer("hardened");
        var project = Path.Combine(consumer.Directory, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<Project Sdk=\"Microsoft.NET.Sdk\">",
            $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"KeyLock\" Version=\"{keyLock.Version}\" />"));
        File.WriteAllText(Path.Combine(consumer.Directory, "keylock.json"), $$"""
            { "buildCode": { "allow": [ "{{HookPackage}}" ] } }
            """);

        var clean = consumer.Build();

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("KeyLock: hardened mode: packages verified right after restore", clean.Output);
        Assert.Contains("KeyLock: verified 3 packages", clean.Output);
        Assert.DoesNotContain("warning KL", clean.Output);
        Assert.DoesNotContain("MSB4011", clean.Output);

        // Tamper with the extracted targets in the packages folder: an InitialTargets Exec runs before any other target.
        var initMarker = Path.Combine(consumer.Directory, "initial-targets-ran.txt");
        var targets = Path.Combine(consumer.PackagesFolder, HookPackage.ToLowerInvariant(), HookVersion, "build", $"{HookPackage}.targets");
        Assert.True(File.Exists(targets), targets);
        File.WriteAllText(targets, $"""
            <Project InitialTargets="EvilInit">
              <Target Name="EvilInit">
                <Exec Command="echo ran &gt; &quot;{initMarker}&quot;" />
              </Target>
            </Project>
            """);

        var hardened = consumer.Build();

        Assert.True(hardened.ExitCode == 1, hardened.ToString());
        Assert.Contains("error KL5008", hardened.Output);
        Assert.Contains($"{HookPackage} {HookVersion}", hardened.Output);
        Assert.False(File.Exists(initMarker), "the tampered InitialTargets ran although hardened mode failed the restore:\n" + hardened);

        // Without a restore there is no restore phase: the normal target still verifies and fails the build.
        var noRestore = consumer.Build("--no-restore");

        Assert.True(noRestore.ExitCode == 1, noRestore.ToString());
        Assert.Contains("error KL5008", noRestore.Output);
        // ...but there the package's InitialTargets ran before it (what the normal mode cannot stop; it proves the tamper is live).
        Assert.True(File.Exists(initMarker), "control: the tampered InitialTargets should run in a normal build:\n" + noRestore);
    }

    [Fact]
    public void Hardened_mode_works_as_an_SDK_alone_and_still_verifies_without_restore()
    {
        var consumer = ConsumerProject.Create(keyLock, "sdk-only", Programs.Clean);
        var project = Path.Combine(consumer.Directory, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project)
            .Replace("<Project Sdk=\"Microsoft.NET.Sdk\">", $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"KeyLock\" Version=\"{keyLock.Version}\" />")
            .Replace($"<PackageReference Include=\"KeyLock\" Version=\"{keyLock.Version}\" PrivateAssets=\"all\" />", string.Empty));

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("KeyLock: hardened mode: packages verified right after restore", build.Output);
        Assert.Contains("KeyLock: verified 1 packages", build.Output);

        var noRestore = consumer.Build("--no-restore");

        Assert.True(noRestore.ExitCode == 0, noRestore.ToString());
        Assert.DoesNotContain("hardened mode", noRestore.Output);
        Assert.Contains("KeyLock: verified 1 packages", noRestore.Output);
    }

    [Fact]
    public void Hardened_mode_through_Directory_Build_imports_next_to_the_PackageReference()
    {
        var consumer = ConsumerProject.Create(keyLock, "sdk-directory-build", Programs.Clean);
        File.WriteAllText(Path.Combine(consumer.Directory, "Directory.Build.props"), $"""
            <Project>
              <Import Project="Sdk.props" Sdk="KeyLock" Version="{keyLock.Version}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer.Directory, "Directory.Build.targets"), $"""
            <Project>
              <Import Project="Sdk.targets" Sdk="KeyLock" Version="{keyLock.Version}" />
            </Project>
            """);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("KeyLock: hardened mode: packages verified right after restore", build.Output);
        Assert.Contains("KeyLock: verified 2 packages", build.Output);
        Assert.DoesNotContain("MSB4011", build.Output);
        Assert.DoesNotContain("warning", build.Output);
    }

    /// <summary>A consumer that also references a local, unsigned package whose build/*.targets writes a marker file before CoreCompile.</summary>
    private ConsumerProject CreateHookedConsumer(string name)
    {
        var consumer = ConsumerProject.Create(keyLock, name, Programs.Clean);
        var feed = Path.Combine(consumer.Directory, "hook-feed");
        WriteHookPackage(feed);
        File.WriteAllText(Path.Combine(consumer.Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="keylock-under-test" value="{keyLock.Feed}" />
                <add key="hooks" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var project = Path.Combine(consumer.Directory, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</ItemGroup>",
            $"  <PackageReference Include=\"{HookPackage}\" Version=\"{HookVersion}\" />\n  </ItemGroup>"));
        return consumer;
    }

    private static void WriteHookPackage(string feed)
    {
        Directory.CreateDirectory(feed);
        var path = Path.Combine(feed, $"{HookPackage}.{HookVersion}.nupkg");
        using var zip = new ZipArchive(new FileStream(path, FileMode.Create), ZipArchiveMode.Create);
        Write(zip, $"{HookPackage}.nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{HookPackage}</id>
                <version>{HookVersion}</version>
                <authors>test</authors>
                <description>Runs a command during the build (integration test of KL7001).</description>
                <license type="expression">MIT</license>
              </metadata>
            </package>
            """);
        Write(zip, $"build/{HookPackage}.targets", $"""
            <Project>
              <Target Name="EvilHooksRun" BeforeTargets="CoreCompile">
                <Exec Command="echo ran &gt; &quot;$(MSBuildProjectDirectory)/{MarkerFile}&quot;" />
              </Target>
            </Project>
            """);
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}

[Collection(PackedKeyLockCollection.Name)]
public sealed class SbomBuildTests(PackedKeyLock keyLock)
{
    [Fact]
    public void SBOM_hashes_match_the_lock_file()
    {
        var consumer = ConsumerProject.Create(keyLock, "sbom", Programs.Clean);

        var build = consumer.Build("-p:KeyLockSbomOutput=obj/sbom.cdx.json");

        Assert.True(build.ExitCode == 0, build.ToString());
        var sbomPath = Path.Combine(consumer.Directory, "obj", "sbom.cdx.json");
        Assert.Contains($"KeyLock: wrote CycloneDX 1.6 SBOM of 2 packages to {sbomPath}", build.Output);

        using var sbom = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sbomPath));
        using var lockFile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "packages.lock.json")));
        var locked = lockFile.RootElement.GetProperty("dependencies").EnumerateObject().SelectMany(t => t.Value.EnumerateObject())
            .ToDictionary(
                e => $"pkg:nuget/{e.Name}@{e.Value.GetProperty("resolved").GetString()}",
                e => Convert.ToHexString(Convert.FromBase64String(e.Value.GetProperty("contentHash").GetString()!)).ToLowerInvariant());

        Assert.Equal("CycloneDX", sbom.RootElement.GetProperty("bomFormat").GetString());
        Assert.Equal("1.6", sbom.RootElement.GetProperty("specVersion").GetString());
        var components = sbom.RootElement.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("purl").GetString()!, c => c.GetProperty("hashes")[0].GetProperty("content").GetString()!);
        Assert.Equal(locked.OrderBy(p => p.Key), components.OrderBy(p => p.Key));
        Assert.Contains($"pkg:nuget/Newtonsoft.Json@{ConsumerProject.NewtonsoftVersion}", components.Keys);
        Assert.Contains($"pkg:nuget/KeyLock@{keyLock.Version}", components.Keys);
    }
}
