using System.Text;
using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

/// <summary>The analyzer runs the matcher on every literal, so the no-secret path must not allocate.</summary>
public sealed class MatcherCostTests
{
    private static readonly string Prose = string.Concat(Enumerable.Repeat(
        "Ask the task-runner: sk-... is a placeholder; disk-space is fine, skip sk-proj-xxxx and sk-None. ", 50));

    [Fact]
    public void TextWithoutSecrets_AllocatesNothing()
    {
        var matcher = SecretMatcher.Default;
        matcher.FindAll(Prose); // warm up: JIT and static constructors

        var found = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            found += matcher.FindAll(Prose).Count;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, found);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void NearMisses_AllocateNothing()
    {
        // Each of these gets past the prefix; the later ones run the layout and placeholder checks.
        var marker = FakeKeys.OpenAIMarker;
        var nearMiss = string.Join(" ",
            FakeKeys.OpenAIProject() + "x",
            FakeKeys.OpenAIAdmin().Replace(marker, marker.ToLowerInvariant()),
            "sk-" + "proj-" + new string('x', 74) + marker + new string('x', 74));
        var matcher = SecretMatcher.Default;
        Assert.Empty(matcher.FindAll(nearMiss));

        var found = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            found += matcher.FindAll(nearMiss).Count;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, found);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RepeatedPrefixes_StayLinear()
    {
        // "sk-proj-sk-proj-…": every candidate is inside the previous one's token, so each is rejected
        // by the boundary check before its body is measured.
        var text = new StringBuilder().Insert(0, "sk-proj-", 20_000).ToString();

        Assert.Empty(SecretMatcher.Default.FindAll(text));
    }
}
