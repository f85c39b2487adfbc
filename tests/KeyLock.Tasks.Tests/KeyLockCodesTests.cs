namespace KeyLock.Tasks.Tests;

public sealed class KeyLockCodesTests
{
    [Fact]
    public void Codes_are_unique_and_in_the_task_ranges()
    {
        var ids = KeyLockCodes.All.Select(c => c.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^KL[5-9][0-9]{3}$", id));
    }

    [Fact]
    public void Every_code_has_a_title_a_help_link_and_a_docs_page()
    {
        var docs = Path.Combine(FindRepoRoot(), "docs", "rules");

        Assert.All(KeyLockCodes.All, code =>
        {
            Assert.False(string.IsNullOrWhiteSpace(code.Title));
            Assert.Equal($"https://github.com/keylock-dev/keylock/blob/main/docs/rules/{code.Id}.md", code.HelpLink);
            var page = Path.Combine(docs, code.Id + ".md");
            Assert.True(File.Exists(page), $"missing {page}");
            var text = File.ReadAllText(page);
            Assert.Contains(code.Id, text);
            Assert.Contains("KeyLockVerifyPackages", text);
        });
    }

    [Fact]
    public void Every_code_in_the_table_is_reachable_through_All()
    {
        var fields = typeof(KeyLockCodes).GetFields().Where(f => f.FieldType == typeof(KeyLockCode)).Select(f => (KeyLockCode)f.GetValue(null)!);

        Assert.Equal(fields.OrderBy(c => c.Id), KeyLockCodes.All.OrderBy(c => c.Id));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")) && Directory.Exists(Path.Combine(dir.FullName, "docs")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found from " + AppContext.BaseDirectory);
    }
}
