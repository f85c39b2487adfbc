using System.Text;
using KeyLock.Tasks.LockFiles;
using NuGet.Versioning;

namespace KeyLock.Tasks.Tests;

public sealed class LockFileLineLocatorTests
{
    private const string Version2 =
        "{\n" +
        "  \"version\": 2,\n" +
        "  \"dependencies\": {\n" +
        "    \"net8.0\": {\n" +
        "      \"Alpha\": {\n" +
        "        \"type\": \"Direct\",\n" +
        "        \"resolved\": \"1.0.0\",\n" +
        "        \"dependencies\": { \"Beta\": \"2.0.0\" }\n" +
        "      },\n" +
        "      \"Beta\": { \"type\": \"Transitive\", \"resolved\": \"2.0.0\" }\n" +
        "    },\n" +
        "    \"net10.0\": {\n" +
        "      \"Beta\": { \"type\": \"Transitive\", \"resolved\": \"3.0.0\" }\n" +
        "    }\n" +
        "  }\n" +
        "}\n";

    [Fact]
    public void Finds_entry_line_and_column_by_id_and_version()
    {
        var locator = LockFileLineLocator.Parse(Encoding.UTF8.GetBytes(Version2));

        Assert.Equal((5, 7), locator.Find("Alpha", NuGetVersion.Parse("1.0.0"), 2));
        Assert.Equal((10, 7), locator.Find("Beta", NuGetVersion.Parse("2.0.0"), 2));
        Assert.Equal((13, 7), locator.Find("Beta", NuGetVersion.Parse("3.0.0"), 2));
    }

    [Fact]
    public void Ignores_dependency_lists_inside_entries()
    {
        // "Beta": "2.0.0" on line 8 is a dependency of Alpha, not Beta's entry.
        var locator = LockFileLineLocator.Parse(Encoding.UTF8.GetBytes(Version2));

        Assert.DoesNotContain(locator.Entries, e => e.Line == 8);
        Assert.Equal(3, locator.Entries.Count);
    }

    [Fact]
    public void Id_match_ignores_case_and_falls_back_to_first_entry_for_the_id()
    {
        var locator = LockFileLineLocator.Parse(Encoding.UTF8.GetBytes(Version2));

        Assert.Equal((5, 7), locator.Find("alpha", NuGetVersion.Parse("9.9.9"), 2));
        Assert.Equal((0, 0), locator.Find("Nope", NuGetVersion.Parse("1.0.0"), 2));
    }

    [Fact]
    public void Handles_crlf_bom_and_comments()
    {
        var text = Version2.Replace("\n", "\r\n").Replace("\"version\": 2,", "\"version\": 2, // written by hand");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var locator = LockFileLineLocator.Parse(bytes);

        Assert.Equal((5, 7), locator.Find("Alpha", NuGetVersion.Parse("1.0.0"), 2));
        Assert.Equal((13, 7), locator.Find("Beta", NuGetVersion.Parse("3.0.0"), 2));
    }

    [Fact]
    public void Column_counts_characters_not_bytes()
    {
        var text = "{\"dependencies\":{\"net8.0\":{\"Ünïcode\":{\"resolved\":\"1.0.0\"},\"After\":{\"resolved\":\"1.0.0\"}}}}";

        var locator = LockFileLineLocator.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text.IndexOf("\"After\"", StringComparison.Ordinal) + 1, locator.Find("After", NuGetVersion.Parse("1.0.0"), 1).Column);
    }

    [Fact]
    public void Version_3_entries_are_under_target_then_dependencies()
    {
        var text =
            "{\n" +
            "  \"version\": 3,\n" +
            "  \"main/linux-x64\": {\n" +
            "    \"framework\": \"net10.0\",\n" +
            "    \"dependencies\": {\n" +
            "      \"Alpha\": { \"resolved\": \"1.0.0\" }\n" +
            "    }\n" +
            "  }\n" +
            "}\n";

        var locator = LockFileLineLocator.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal((6, 7), locator.Find("Alpha", NuGetVersion.Parse("1.0.0"), 3));
        Assert.Equal((0, 0), locator.Find("Alpha", NuGetVersion.Parse("1.0.0"), 2));
    }

    [Theory]
    [InlineData("{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": { \"A\": { ] }\n", 4)]
    [InlineData("{\n  \"version\": 1\n", 3)]
    [InlineData("{\n  \"version\": 1\n}\n{}", 4)]
    public void Invalid_json_reports_one_based_position(string text, int line)
    {
        var ex = Assert.Throws<LockFileSyntaxException>(() => LockFileLineLocator.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(line, ex.Line);
        Assert.True(ex.Column >= 1);
        Assert.DoesNotContain("LineNumber", ex.Message);
    }
}
