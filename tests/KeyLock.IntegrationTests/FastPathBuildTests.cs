namespace KeyLock.IntegrationTests;

/// <summary>
/// The fast path in real `dotnet build`s (kernel identities on Linux; elsewhere nothing is recorded unless content digests
/// are used, as on Windows): an unchanged no-op build replays the last pass, a byte flipped in a cached archive or an
/// extracted file with its write time put back is still caught, and in hardened mode the second verification of one
/// `dotnet build` is the replay.
/// </summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class FastPathBuildTests(PackedKeyLock keyLock)
{
    private const string Replayed = "every input unchanged since verified";

    // Files changed less than 2 s before a build (restore just wrote them) are never recorded.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    [Fact]
    public void Unchanged_build_replays_the_pass_and_a_flipped_byte_with_the_write_time_put_back_is_still_KL5003()
    {
        var consumer = ConsumerProject.Create(keyLock, "fast-path", Programs.Clean);
        Assert.Equal(0, consumer.Build().ExitCode);
        Thread.Sleep(Settle);
        var recording = consumer.Build("--no-restore");
        Assert.True(recording.ExitCode == 0, recording.ToString());
        Assert.DoesNotContain(Replayed, recording.Output);

        var replay = consumer.Build("--no-restore");

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("KeyLock: verified 2 packages", replay.Output);
        Assert.Equal(OperatingSystem.IsLinux(), replay.Output.Contains(Replayed, StringComparison.Ordinal));

        var archive = consumer.CachedArchive("Newtonsoft.Json", ConsumerProject.NewtonsoftVersion);
        var writeTime = File.GetLastWriteTimeUtc(archive);
        Tamper.FlipMiddleByte(archive);
        File.SetLastWriteTimeUtc(archive, writeTime);

        var tampered = consumer.Build("--no-restore");

        Assert.True(tampered.ExitCode == 1, tampered.ToString());
        Assert.Contains("error KL5003", tampered.Output);
        Assert.DoesNotContain(Replayed, tampered.Output);
    }

    [Fact]
    public void Content_digests_replay_an_unchanged_build_and_catch_an_extracted_file_changed_with_its_write_time_put_back()
    {
        // What Windows uses, forced here: no settle time is needed, a digest does not depend on when a file was written.
        var consumer = ConsumerProject.Create(keyLock, "fast-path-content", Programs.Clean);
        Assert.Equal(0, consumer.Build().ExitCode);
        var recording = consumer.Build("--no-restore", "-p:KeyLockChangeDetection=content");
        Assert.True(recording.ExitCode == 0, recording.ToString());

        var replay = consumer.Build("--no-restore", "-p:KeyLockChangeDetection=content");

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains(Replayed, replay.Output);

        var dll = Path.Combine(Path.GetDirectoryName(consumer.CachedArchive("Newtonsoft.Json", ConsumerProject.NewtonsoftVersion))!, "lib", "net6.0", "Newtonsoft.Json.dll");
        var writeTime = File.GetLastWriteTimeUtc(dll);
        Tamper.FlipMiddleByte(dll);
        File.SetLastWriteTimeUtc(dll, writeTime);

        var tampered = consumer.Build("--no-restore", "-p:KeyLockChangeDetection=content");

        Assert.True(tampered.ExitCode == 1, tampered.ToString());
        Assert.Contains("error KL5008", tampered.Output);
        Assert.DoesNotContain(Replayed, tampered.Output);

        var misspelled = consumer.Build("--no-restore", "-p:KeyLockChangeDetection=ctime");
        Assert.True(misspelled.ExitCode == 1, misspelled.ToString());
        Assert.Contains("error KL9003", misspelled.Output);
    }

    [Fact]
    public void Hardened_mode_verifies_in_restore_and_the_build_phase_replays_that_pass()
    {
        var consumer = ConsumerProject.Create(keyLock, "fast-path-hardened", Programs.Clean);
        var project = Path.Combine(consumer.Directory, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<Project Sdk=\"Microsoft.NET.Sdk\">",
            $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"KeyLock\" Version=\"{keyLock.Version}\" />"));
        Assert.Equal(0, consumer.Build().ExitCode);
        Thread.Sleep(Settle);

        // Restore phase: a full verification (nothing recorded yet, the first build's files were fresh); build phase: its replay.
        var second = consumer.Build();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("KeyLock: hardened mode: packages verified right after restore", second.Output);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(1, Count(second.Output, Replayed));
            Assert.Equal(2, Count(second.Output, "KeyLock: verified 2 packages"));

            var third = consumer.Build();
            Assert.True(third.ExitCode == 0, third.ToString());
            Assert.Equal(2, Count(third.Output, Replayed));
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
