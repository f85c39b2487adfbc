namespace KeyLock.IntegrationTests;

[Collection(PackedKeyLockCollection.Name)]
public sealed class PackageVerificationBuildTests(PackedKeyLock keyLock)
{
    [Fact]
    public void Clean_consumer_builds_and_prints_the_verification_summary()
    {
        var consumer = ConsumerProject.Create(keyLock, "clean", Programs.Clean);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        // Newtonsoft.Json (nuget.org-signed, so its lock hash excludes the signature) and KeyLock itself.
        Assert.Contains("KeyLock: verified 2 packages", build.Output);
        Assert.DoesNotContain("error KL", build.Output);
        Assert.DoesNotContain("warning KL", build.Output);
    }

    [Fact]
    public void Flipped_byte_in_a_cached_nupkg_fails_the_build_with_KL5003_naming_the_package()
    {
        var consumer = ConsumerProject.Create(keyLock, "tampered", Programs.Clean);
        Assert.Equal(0, consumer.Build().ExitCode);

        Tamper.FlipMiddleByte(consumer.CachedArchive("Newtonsoft.Json", ConsumerProject.NewtonsoftVersion));
        var build = consumer.Build();

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("packages.lock.json(", build.Output);
        Assert.Contains("error KL5003", build.Output);
        Assert.Contains($"Newtonsoft.Json {ConsumerProject.NewtonsoftVersion}", build.Output);
        Assert.DoesNotContain("KeyLock: verified", build.Output);
    }

    [Fact]
    public void Missing_cached_nupkg_fails_the_build_with_KL5004()
    {
        var consumer = ConsumerProject.Create(keyLock, "missing-archive", Programs.Clean);
        Assert.Equal(0, consumer.Build().ExitCode);

        File.Delete(consumer.CachedArchive("Newtonsoft.Json", ConsumerProject.NewtonsoftVersion));
        var build = consumer.Build();

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5004", build.Output);
        Assert.Contains($"Newtonsoft.Json {ConsumerProject.NewtonsoftVersion}", build.Output);
    }

    [Fact]
    public void Project_without_a_lock_file_fails_with_KL5001()
    {
        var consumer = ConsumerProject.Create(keyLock, "no-lock-file", Programs.Clean, withLockFile: false);

        var build = consumer.Build();

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("error KL5001", build.Output);
        Assert.Contains("RestorePackagesWithLockFile", build.Output);
    }

    [Fact]
    public void Verification_can_be_turned_off()
    {
        var consumer = ConsumerProject.Create(keyLock, "opted-out", Programs.Clean);
        Assert.Equal(0, consumer.Build().ExitCode);

        Tamper.FlipMiddleByte(consumer.CachedArchive("Newtonsoft.Json", ConsumerProject.NewtonsoftVersion));
        var build = consumer.Build("-p:KeyLockVerifyPackages=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("KeyLock: verified", build.Output);
    }
}
