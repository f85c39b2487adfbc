using KeyLock.TestSupport;
using System.Text;
using KeyLock.Tasks.LockFiles;
using NuGet.Common;
using NuGet.ProjectModel;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// KeyLock reads project.assets.json with System.Text.Json; NuGet's own reader is the reference: on every file NuGet reads,
/// both must give the same targets, packages, consumed files and restore sources.
/// </summary>
public sealed class AssetsFileParserTests
{
    // Version 3 keys targets by framework name; every asset group, an empty-folder marker and a project library.
    private const string FrameworkNamed =
        "{\n" +
        "  \"version\": 3,\n" +
        "  \"targets\": {\n" +
        "    \".NETCoreApp,Version=v8.0\": {\n" +
        "      \"Alpha/1.0.0\": { \"type\": \"package\", \"dependencies\": { \"Beta\": \"2.0.0\" },\n" +
        "        \"compile\": { \"lib/net8.0/Alpha.dll\": { \"related\": \".xml\" } }, \"runtime\": { \"lib/net8.0/Alpha.dll\": {} },\n" +
        "        \"resource\": { \"lib/net8.0/de/Alpha.resources.dll\": { \"locale\": \"de\" } }, \"native\": { \"runtimes/linux-x64/native/a.so\": {} },\n" +
        "        \"build\": { \"build/Alpha.targets\": {} }, \"buildMultiTargeting\": { \"buildMultiTargeting/Alpha.props\": {} },\n" +
        "        \"contentFiles\": { \"contentFiles/any/any/a.txt\": { \"buildAction\": \"None\", \"codeLanguage\": \"any\", \"copyToOutput\": false } },\n" +
        "        \"runtimeTargets\": { \"runtimes/win/lib/net8.0/Alpha.dll\": { \"assetType\": \"runtime\", \"rid\": \"win\" } },\n" +
        "        \"tools\": { \"tools/net8.0/any/t.dll\": {} }, \"embed\": { \"embed/net8.0/e.dll\": {} },\n" +
        "        \"frameworkAssemblies\": [ \"System.Xml\" ], \"frameworkReferences\": [ \"Microsoft.AspNetCore.App\" ] },\n" +
        "      \"Beta/2.0.0-rc.1+build\": { \"type\": \"package\", \"compile\": { \"lib/net8.0/_._\": {} }, \"runtime\": { \"lib\\\\net8.0\\\\Beta.dll\": {} } },\n" +
        "      \"Lib/1.0.0\": { \"type\": \"project\", \"framework\": \".NETCoreApp,Version=v8.0\", \"compile\": { \"bin/placeholder/Lib.dll\": {} } }\n" +
        "    },\n" +
        "    \".NETCoreApp,Version=v8.0/linux-x64\": {\n" +
        "      \"runtime.linux-x64.Native/1.0.0\": { \"type\": \"package\", \"native\": { \"runtimes/linux-x64/native/n.so\": {} } }\n" +
        "    }\n" +
        "  },\n" +
        "  \"libraries\": {\n" +
        "    \"Alpha/1.0.0\": { \"sha512\": \"aGFzaA==\", \"type\": \"package\", \"path\": \"alpha/1.0.0\",\n" +
        "      \"files\": [ \"alpha.nuspec\", \"analyzers/dotnet/cs/Alpha.Analyzers.dll\", \"analyzers\\\\dotnet\\\\Alpha.Vb.dll\", \"analyzers/readme.txt\" ] },\n" +
        "    \"Beta/2.0.0-rc.1+build\": { \"type\": \"package\", \"files\": [ \"lib/net8.0/Beta.dll\" ] },\n" +
        "    \"Lib/1.0.0\": { \"type\": \"project\", \"path\": \"../Lib/Lib.csproj\" }\n" +
        "  },\n" +
        "  \"project\": { \"version\": \"1.0.0\", \"restore\": { \"projectName\": \"App\",\n" +
        "    \"sources\": { \"https://api.nuget.org/v3/index.json\": {}, \"/srv/feed/\": {} } } }\n" +
        "}\n";

    // Version 4 keys targets by the project's alias for a framework, which need not be the framework's own name.
    private const string Aliased =
        "{\n" +
        "  \"version\": 4,\n" +
        "  \"targets\": {\n" +
        "    \"main\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"compile\": { \"lib/net8.0/Alpha.dll\": {} } } },\n" +
        "    \"main/win-x64\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"runtime\": { \"lib/net8.0/Alpha.dll\": {} } } },\n" +
        "    \"net10.0\": { \"Gamma/3.0.0\": { \"type\": \"package\", \"compile\": { \"lib/net10.0/Gamma.dll\": {} } } }\n" +
        "  },\n" +
        "  \"libraries\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"files\": [] }, \"Gamma/3.0.0\": { \"type\": \"package\", \"files\": [] } },\n" +
        "  \"project\": { \"version\": \"1.0.0\",\n" +
        "    \"restore\": { \"projectName\": \"App\", \"frameworks\": { \"main\": { \"targetAlias\": \"main\" }, \"net10.0\": { \"targetAlias\": \"net10.0\" } } },\n" +
        "    \"frameworks\": { \"main\": { \"framework\": \"net8.0\", \"targetAlias\": \"main\" }, \"net10.0\": { \"framework\": \"net10.0\", \"targetAlias\": \"net10.0\" } } }\n" +
        "}\n";

    // Never written by NuGet, so only a hand-edited or tampered file has them: both readers must resolve them alike (a
    // repeated property: the last one; a repeated target or library key: both), or the build would consume other packages
    // than the ones checked.
    private const string DuplicateKeys =
        "{\n" +
        "  \"version\": 3,\n" +
        "  \"targets\": { \"net8.0\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"compile\": { \"lib/net8.0/Alpha.dll\": {} } } } },\n" +
        "  \"targets\": {\n" +
        "    \"net8.0\": { \"Beta/2.0.0\": { \"type\": \"project\", \"type\": \"package\",\n" +
        "      \"compile\": { \"lib/net8.0/Old.dll\": {} }, \"compile\": { \"lib/net8.0/Beta.dll\": {} } } },\n" +
        "    \"net8.0\": { \"Gamma/3.0.0\": { \"type\": \"package\", \"runtime\": { \"lib/net8.0/Gamma.dll\": {} } },\n" +
        "                \"Gamma/3.0.0\": { \"type\": \"package\", \"runtime\": { \"lib/net8.0/Gamma2.dll\": {} } } }\n" +
        "  },\n" +
        "  \"project\": { \"restore\": { \"sources\": { \"https://one.example/\": {} } } },\n" +
        "  \"project\": { \"restore\": { \"sources\": { \"https://two.example/\": {} } } }\n" +
        "}\n";

    private const string Lenient =
        "// written by hand\n" +
        "{ \"version\": 3, /* no project section */ \"targets\": { \"net8.0\": { \"Alpha/1.0.0\": { \"type\": \"package\", }, }, }, }\n";

    public static TheoryData<string, string> FilesNuGetReads()
    {
        var data = new TheoryData<string, string>
        {
            { "framework-named targets", FrameworkNamed },
            { "version 4 aliases", Aliased },
            { "comments and trailing commas", Lenient },
            { "repeated keys", DuplicateKeys },
            { "nothing restored", "{ \"version\": 3, \"targets\": {}, \"libraries\": {} }" },
        };

        // Every assets file restore wrote for this repository's projects (present once the solution was restored, as
        // before any test run).
        var root = RepositoryFiles.Root;
        foreach (var folder in new[] { "src", "tests", "build", "nupkg", "samples" }.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "project.assets.json", SearchOption.AllDirectories))
            {
                data.Add(Path.GetRelativePath(root, path), File.ReadAllText(path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FilesNuGetReads))]
    public void Reads_what_NuGet_reads(string name, string text)
    {
        var expected = ReadWithNuGet(text);

        var actual = AssetsFileParser.Parse(Encoding.UTF8.GetBytes(text), "project.assets.json");

        Assert.True(expected.Version > 0, name + ": NuGet could not read the sample itself");
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public void The_repository_has_assets_files_to_compare()
    {
        Assert.True(FilesNuGetReads().Count() >= 8);
    }

    [Theory]
    [InlineData("[]", "its root is an array")]
    [InlineData("{ \"targets\": {} }", "no valid \"version\"")]
    [InlineData("{ \"version\": 0 }", "no valid \"version\"")]
    [InlineData("{ \"version\": 3, \"targets\": [] }", "\"targets\" of the file is an array")]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { \"Alpha/1.0.0\": \"package\" } } }", "the library 'Alpha/1.0.0' is a string")]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { \"Alpha/one\": {} } } }", "'Alpha/one' has 'one', which is not a version")]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { \"Alpha/1.0.0\": { \"type\": 1 } } } }", "the \"type\" of 'Alpha/1.0.0' is a number")]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"runtime\": [] } } } }", "\"runtime\" of the library 'Alpha/1.0.0' is an array")]
    [InlineData("{ \"version\": 3, \"libraries\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"files\": {} } } }", "the \"files\" of 'Alpha/1.0.0' is an object")]
    [InlineData("{ \"version\": 3, \"libraries\": { \"Alpha/1.0.0\": { \"type\": \"package\", \"files\": [ 1 ] } } }", "a file of 'Alpha/1.0.0' is a number")]
    [InlineData("{ \"version\": 3, \"project\": { \"restore\": { \"sources\": [] } } }", "\"sources\" of the project's restore section is an array")]
    public void Rejects_what_is_not_an_assets_file_saying_why(string text, string reason)
    {
        var ex = Assert.Throws<InvalidDataException>(() => AssetsFileParser.Parse(Encoding.UTF8.GetBytes(text), "project.assets.json"));

        Assert.Contains(reason, ex.Message);
    }

    private static LockFile ReadWithNuGet(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return new LockFileFormat().Read(stream, NullLogger.Instance, "project.assets.json");
    }

    /// <summary>What the task takes from NuGet's model, computed the way the task did before it had its own reader.</summary>
    private static string Describe(LockFile file)
    {
        var text = new StringBuilder();
        foreach (var target in file.Targets)
        {
            text.AppendLine($"target {target.TargetFramework} rid={target.RuntimeIdentifier ?? "-"}");
            foreach (var library in target.Libraries.Where(l => ProjectAssets.IsPackage(l.Type) && l.Version != null))
            {
                text.AppendLine($"  {library.Name} {library.Version}");
            }
        }

        var consumed = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        SortedSet<string> For(string id, NuGet.Versioning.NuGetVersion version)
        {
            var key = id.ToUpperInvariant() + " " + version.ToFullString();
            return consumed.TryGetValue(key, out var set) ? set : consumed[key] = new SortedSet<string>(StringComparer.Ordinal);
        }

        foreach (var library in file.Targets.SelectMany(t => t.Libraries).Where(l => ProjectAssets.IsPackage(l.Type) && l.Version != null))
        {
            var set = For(library.Name!, library.Version!);
            var groups = new IEnumerable<LockFileItem>[]
            {
                library.CompileTimeAssemblies, library.RuntimeAssemblies, library.ResourceAssemblies, library.NativeLibraries,
                library.Build, library.BuildMultiTargeting, library.ToolsAssemblies, library.EmbedAssemblies,
                library.ContentFiles, library.RuntimeTargets,
            };
            foreach (var item in groups.SelectMany(g => g))
            {
                ProjectAssets.Add(set, item.Path);
            }
        }

        foreach (var library in file.Libraries.Where(l => ProjectAssets.IsPackage(l.Type) && l.Version != null))
        {
            foreach (var path in library.Files.Select(f => f.Replace('\\', '/'))
                         .Where(f => f.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase) && f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            {
                ProjectAssets.Add(For(library.Name!, library.Version!), path);
            }
        }

        AppendConsumed(text, consumed);
        var sources = file.PackageSpec?.RestoreMetadata?.Sources?.Select(s => s.Source);
        text.AppendLine("sources " + (sources == null ? "-" : string.Join(" | ", sources)));
        return text.ToString();
    }

    private static string Describe(ProjectAssets assets)
    {
        var text = new StringBuilder();
        foreach (var target in assets.Targets)
        {
            text.AppendLine($"target {target.Framework} rid={target.RuntimeIdentifier ?? "-"}");
            foreach (var (id, version) in target.Packages)
            {
                text.AppendLine($"  {id} {version}");
            }
        }

        var consumed = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var target in assets.Targets)
        {
            foreach (var (id, version) in target.Packages)
            {
                consumed[id.ToUpperInvariant() + " " + version.ToFullString()] = new SortedSet<string>(assets.ConsumedFiles(id, version), StringComparer.Ordinal);
            }
        }

        AppendConsumed(text, consumed);
        text.AppendLine("sources " + (assets.RestoreSources == null ? "-" : string.Join(" | ", assets.RestoreSources)));
        return text.ToString();
    }

    private static void AppendConsumed(StringBuilder text, SortedDictionary<string, SortedSet<string>> consumed)
    {
        foreach (var (package, files) in consumed)
        {
            text.AppendLine($"{package}: {string.Join(", ", files)}");
        }
    }
}
