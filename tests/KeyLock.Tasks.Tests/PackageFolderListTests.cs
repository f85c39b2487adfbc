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

    [Fact]
    public void Contains_paths_inside_a_folder_but_not_the_folder_itself_or_a_sibling_sharing_its_name_prefix()
    {
        var gpf = Path.Combine(Base, "gpf");
        var folders = PackageFolderList.Normalize(new ITaskItem[] { new TaskItem(gpf + Path.DirectorySeparatorChar) }, Base);

        Assert.True(PackageFolderList.Contains(folders, Path.Combine(gpf, "newtonsoft.json", "13.0.3", "newtonsoft.json.13.0.3.nupkg")));
        Assert.False(PackageFolderList.Contains(folders, gpf));
        Assert.False(PackageFolderList.Contains(folders, Path.Combine(Base, "gpf2", "a.nupkg")));
        Assert.False(PackageFolderList.Contains(folders, Path.Combine(Base, "elsewhere", "a.nupkg")));

        var root = Path.GetPathRoot(Base)!;
        Assert.True(PackageFolderList.Contains(PackageFolderList.Normalize(new ITaskItem[] { new TaskItem(root) }, Base), Path.Combine(root, "a.nupkg")));
    }

    [Fact]
    public void RelativePath_is_forward_slashed_from_the_first_folder_that_holds_the_path()
    {
        var gpf = Path.Combine(Base, "gpf");
        var fallback = Path.Combine(Base, "fallback");
        var folders = PackageFolderList.Normalize(new ITaskItem[] { new TaskItem(gpf), new TaskItem(fallback) }, Base);

        Assert.Equal("keylock/1.0.0/r2r/linux-x64/KeyLock.Analyzers.dll", PackageFolderList.RelativePath(folders, Path.Combine(fallback, "keylock", "1.0.0", "r2r", "linux-x64", "KeyLock.Analyzers.dll")));
        Assert.Null(PackageFolderList.RelativePath(folders, gpf));
        Assert.Null(PackageFolderList.RelativePath(folders, Path.Combine(Base, "elsewhere", "a.dll")));

        var root = Path.GetPathRoot(Base)!;
        Assert.Equal("a/b.dll", PackageFolderList.RelativePath(PackageFolderList.Normalize(new ITaskItem[] { new TaskItem(root) }, Base), Path.Combine(root, "a", "b.dll")));
    }
}
