using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Tests;

public sealed class HashTextTests
{
    [Fact]
    public void Shortens_to_twelve_characters_and_an_ellipsis()
    {
        var (a, b) = HashText.ShortenPair(new string('A', 88), new string('B', 88));

        Assert.Equal("AAAAAAAAAAAA\u2026", a);
        Assert.Equal("BBBBBBBBBBBB\u2026", b);
    }

    [Fact]
    public void Shows_enough_to_tell_hashes_with_a_shared_prefix_apart()
    {
        var first = new string('A', 20) + "XYZW" + new string('A', 64);
        var second = new string('A', 20) + "QRST" + new string('A', 64);

        var (a, b) = HashText.ShortenPair(first, second);

        Assert.NotEqual(a, b);
        Assert.True(a.Length < first.Length);
    }

    [Fact]
    public void Short_values_are_shown_as_they_are()
    {
        Assert.Equal("abc", HashText.Shorten("abc"));
    }
}
