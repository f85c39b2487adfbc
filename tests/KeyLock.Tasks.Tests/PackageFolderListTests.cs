using KeyLock.Tasks.Packages;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace KeyLock.Tasks.Tests;

public sealed class PackageFolderListTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "keylock-folders");

    [Fact]
    public void Trims_dedupes_ignoring_trailing_slashes_and_keeps_order()
    {
        var gpf = Path.Combine(Base, "gpf");
        var fallback = Path.Combine(Base, "fallback");
        var items = new ITaskItem[]
        {
            new TaskItem("  " + gpf + Path.DirectorySeparatorChar + " "),
            new TaskItem(gpf),
            new TaskItem(fallback + Path.DirectorySeparatorChar + Path.DirectorySeparatorChar),
            new TaskItem(gpf + Path.DirectorySeparatorChar),
        };

        var folders = PackageFolderList.Normalize(items, Base);

        Assert.Equal(new[] { gpf, fallback }, folders);
    }

    [Fact]
    public void Skips_empty_items_and_resolves_relative_paths_against_the_project()
    {
        var items = new ITaskItem[] { new TaskItem(" "), new TaskItem("packages") };

        var folders = PackageFolderList.Normalize(items, Base);

        Assert.Equal(new[] { Path.Combine(Base, "packages") }, folders);
    }

    [Fact]
    public void Null_or_empty_input_gives_no_folders()
    {
        Assert.Empty(PackageFolderList.Normalize(null, Base));
        Assert.Empty(PackageFolderList.Normalize(Array.Empty<ITaskItem>(), Base));
    }
}
