using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

/// <summary>Generated look-alikes (broken checksums, wrong lengths, placeholders, emulator keys, hashes…) stay quiet.</summary>
public sealed class LookAlikeTests
{
    public static TheoryData<string> Reasons() => new(FakeSecrets.LookAlikes(1).Select(l => l.Reason));

    [Theory]
    [MemberData(nameof(Reasons))]
    public void LookAlike_IsNotReported(string reason)
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var lookAlike = FakeSecrets.LookAlikes(seed).Single(l => l.Reason == reason);

            var matches = SecretMatcher.Default.FindAll("value = \"" + lookAlike.Text + "\";", lookAlike.Context);

            Assert.Empty(matches.Select(m => m.Pattern.Id));
        }
    }
}
