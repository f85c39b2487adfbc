namespace KeyLock.IntegrationTests;

/// <summary>
/// Real `dotnet build`s of a consumer whose private packages folder holds nuget.org-signed Newtonsoft.Json and the
/// packed KeyLock, tampered after restore the way a poisoned CI cache or a shared agent would; each test tampers with
/// its own copy (sources, lock file and packages folder) of one clean consumer (<see cref="RestoredConsumers"/>).
/// </summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class SupplyChainBuildTests(PackedKeyLock keyLock)
{
    private const string Newtonsoft = "Newtonsoft.Json";
    private const string Version = ConsumerProject.NewtonsoftVersion;
    private const string NewtonsoftDll = "lib/net6.0/Newtonsoft.Json.dll";

    [Fact]
    public void Clean_consumer_passes_every_check_and_says_what_was_checked()
    {
        var build = RestoredConsumers.Baseline(keyLock).Build;

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("KeyLock: verified 2 packages against packages.lock.json (lock file against restore, content hash, extracted files, signatures)", build.Output);
        Assert.DoesNotContain("error KL", build.Output);
        Assert.DoesNotContain("warning KL", build.Output);
    }

    [Fact]
    public void Extracted_dll_changed_after_download_is_KL5008_and_can_be_lowered_to_a_warning()
    {
        var consumer = Tampered("extracted-dll", c => Tamper.FlipMiddleByte(c.ExtractedFile(Newtonsoft, Version, NewtonsoftDll)));

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5008", build.Output);
        Assert.Contains($"{Newtonsoft} {Version}", build.Output);
        Assert.Contains("Newtonsoft.Json.dll", build.Output);

        var lowered = consumer.Build("--no-restore", "-p:KeyLockExtractedFilesSeverity=warning");
        Assert.True(lowered.ExitCode == 0, lowered.ToString());
        Assert.Contains("warning KL5008", lowered.Output);
    }

    [Fact]
    public void Stripped_nuget_org_signature_keeps_the_lock_hash_but_is_KL6001()
    {
        var consumer = Tampered("stripped-signature", c => Tamper.StripSignature(c.CachedArchive(Newtonsoft, Version)));

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL6001", build.Output);
        Assert.Contains($"{Newtonsoft} {Version} was restored from nuget.org", build.Output);
        Assert.DoesNotContain("error KL5003", build.Output);
    }

    [Fact]
    public void Stripped_signature_with_nupkg_metadata_naming_another_source_is_still_KL6001()
    {
        const string Claimed = "https://pkgs.example.com/v3/index.json";
        var consumer = Tampered("stripped-signature-other-source", c =>
        {
            var nupkg = c.CachedArchive(Newtonsoft, Version);
            Tamper.StripSignature(nupkg);
            var metadata = Path.Combine(Path.GetDirectoryName(nupkg)!, ".nupkg.metadata");
            File.WriteAllText(metadata, File.ReadAllText(metadata).Replace("https://api.nuget.org/v3/index.json", Claimed));
            Assert.Contains(Claimed, File.ReadAllText(metadata));
        });

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL6001", build.Output);
        Assert.Contains($"{Newtonsoft} {Version}: its .nupkg.metadata names the source '{Claimed}', which this project does not restore from", build.Output);
    }

    [Fact]
    public void Two_tampered_packages_are_both_reported_in_one_build()
    {
        var consumer = Tampered("two-tampered", c =>
        {
            Tamper.FlipMiddleByte(c.CachedArchive(Newtonsoft, Version));
            Tamper.FlipMiddleByte(c.CachedArchive("KeyLock", keyLock.Version.ToLowerInvariant()));
        });

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains($"error KL5003: Package {Newtonsoft} {Version}", build.Output);
        Assert.Contains($"error KL5003: Package KeyLock {keyLock.Version}", build.Output);
    }

    [Fact]
    public void Malformed_lock_file_is_KL5002_never_a_crash()
    {
        var consumer = Tampered("malformed-lock", c => File.WriteAllText(c.LockFile, "{ \"version\": 1, \"dependencies\": { \"net10.0\": "));

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("packages.lock.json(1,", build.Output);
        Assert.Contains("error KL5002", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);
    }

    [Fact]
    public void Lock_file_entry_duplicated_by_hand_is_KL5002_naming_the_package()
    {
        var consumer = Tampered("duplicate-entry", c =>
        {
            var text = File.ReadAllText(c.LockFile);
            var start = text.IndexOf($"\"{Newtonsoft}\": {{", StringComparison.Ordinal);
            var end = text.IndexOf('}', start) + 1;
            File.WriteAllText(c.LockFile, text.Insert(end, "," + Environment.NewLine + "      " + text[start..end]));
        });

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5002", build.Output);
        Assert.Contains($"'{Newtonsoft}' is listed more than once", build.Output);
    }

    [Fact]
    public void Lock_file_that_no_longer_matches_restore_is_KL5007_outside_locked_mode()
    {
        var consumer = Tampered("stale-lock", c =>
            File.WriteAllText(c.LockFile, File.ReadAllText(c.LockFile).Replace($"\"resolved\": \"{Version}\"", "\"resolved\": \"13.0.1\"")));

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5007", build.Output);
        Assert.Contains($"pins {Newtonsoft} 13.0.1", build.Output);
        Assert.Contains($"resolved {Newtonsoft} {Version}", build.Output);
    }

    [Fact]
    public void Extracted_dll_replaced_by_a_symlink_is_KL5008()
    {
        var consumer = Tampered("symlink", c =>
        {
            var dll = c.ExtractedFile(Newtonsoft, Version, NewtonsoftDll);
            var elsewhere = Path.Combine(c.Directory, "elsewhere.dll");
            File.Move(dll, elsewhere);
            File.CreateSymbolicLink(dll, elsewhere);
        });

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5008", build.Output);
        Assert.Contains("symbolic link", build.Output);
        Assert.Contains($"{Newtonsoft} {Version}", build.Output);
    }

    [Fact]
    public void The_KeyLock_analyzer_the_compiler_loads_changed_after_download_is_KL5008()
    {
        // On a runtime KeyLock has ReadyToRun images for, the build loads those instead of analyzers/dotnet/cs/ (build/KeyLock.targets).
        var loadedAnalyzer = ReadyToRunImages.ForThisRuntime
            ? $"r2r/{ReadyToRunImages.ThisRuntime}/KeyLock.Analyzers.dll"
            : "analyzers/dotnet/cs/KeyLock.Analyzers.dll";
        var consumer = Tampered("loaded-analyzer", c => Tamper.FlipMiddleByte(c.ExtractedFile("KeyLock", keyLock.Version.ToLowerInvariant(), loadedAnalyzer)));

        var build = consumer.Build("--no-restore");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5008", build.Output);
        Assert.Contains($"KeyLock {keyLock.Version}", build.Output);
        Assert.Contains(loadedAnalyzer, build.Output);
    }

    private ConsumerProject Tampered(string name, Action<ConsumerProject> tamper) => RestoredConsumers.Tampered(keyLock, name, tamper);
}
