using KeyLock.Testing;

namespace KeyLock.IntegrationTests;

[Collection(PackedKeyLockCollection.Name)]
public sealed class HardcodedKeyBuildTests(PackedKeyLock keyLock)
{
    [Fact]
    public void Build_fails_with_KL1001_and_the_log_never_contains_the_key()
    {
        var key = FakeKeys.OpenAIProject(seed: 2026);
        var consumer = ConsumerProject.Create(keyLock, "hardcoded-key", Programs.WithHardcodedKey(key));

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Program.cs(3,", build.Output);
        Assert.Contains("error KL1001", build.Output);
        Assert.Contains(key[^4..], build.Output);
        Assert.DoesNotContain(key, build.Output);
        Assert.DoesNotContain(key[8..40], build.Output);
        Assert.DoesNotContain("CS9057", build.Output); // the analyzer was not silently disabled
    }
}
