using KeyLock.Tasks.Hardened;
using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

public sealed class HardenedModeTests : IDisposable
{
    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Packages_folders_come_from_the_assets_file_in_restore_order()
    {
        var assets = Path.Combine(_ws.ProjectDirectory, "obj", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(assets)!);
        File.WriteAllText(assets, $$"""
            { "version": 3, "targets": {}, "libraries": {},
              "packageFolders": { "{{_ws.GlobalPackages.Replace("\\", "\\\\")}}/": {}, "{{_ws.FallbackPackages.Replace("\\", "\\\\")}}": {} } }
            """);
        var task = new ReadRestorePackageFolders { BuildEngine = _engine, ProjectAssetsFile = assets };

        Assert.True(task.Execute());

        Assert.Equal(_ws.GlobalPackages + "/", task.PackageRoot);
        Assert.Equal($"{_ws.GlobalPackages}/;{_ws.FallbackPackages}", task.PackageFolders);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ not json")]
    [InlineData("""{ "version": 3 }""")]
    public void Missing_or_unusable_assets_file_fails_closed(string? content)
    {
        var assets = Path.Combine(_ws.ProjectDirectory, "project.assets.json");
        if (content != null)
        {
            File.WriteAllText(assets, content);
        }

        var task = new ReadRestorePackageFolders { BuildEngine = _engine, ProjectAssetsFile = assets };

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL9001", error.Code);
        Assert.Contains("hardened mode", error.Message);
    }
}
