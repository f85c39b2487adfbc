using KeyLock.Testing;

namespace KeyLock.IntegrationTests;

/// <summary>A key in a config file fails a real consumer build at the file's line and column, without printing the key.</summary>
[Collection(PackedKeyLockCollection.Name)]
public sealed class ConfigFileBuildTests(PackedKeyLock keyLock)
{
    [Fact]
    public void Build_fails_with_KL1001_at_the_appsettings_line_and_the_log_never_contains_the_key()
    {
        var key = FakeKeys.OpenAIProject(seed: 2027);
        var consumer = ConsumerProject.Create(keyLock, "config-file-key", Programs.Clean, new Dictionary<string, string>
        {
            ["appsettings.json"] = $$"""
                {
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "OpenAI": {
                    "ApiKey": "{{key}}"
                  }
                }
                """,
        });

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.True(build.Output.Contains("appsettings.json(4,16): error KL1001", StringComparison.Ordinal), build.Output);
        Assert.Contains(key[^4..], build.Output);
        Assert.DoesNotContain(key, build.Output);
        Assert.DoesNotContain(key[8..40], build.Output);
    }
}
