using KeyLock.TestSupport;
using System.Text;
using KeyLock.Tasks.LockFiles;
using NuGet.Common;
using NuGet.ProjectModel;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// KeyLock reads lock files with System.Text.Json; NuGet's own reader is the reference: on every file NuGet reads, both
/// must give the same model.
/// </summary>
public sealed class PackagesLockFileParserTests
{
    private const string RuntimeSpecific =
        "{\n" +
        "  \"version\": 1,\n" +
        "  \"dependencies\": {\n" +
        "    \"net8.0\": {\n" +
        "      \"Alpha\": { \"type\": \"Direct\", \"requested\": \"[1.0.0, )\", \"resolved\": \"1.0.0\", \"contentHash\": \"aGFzaA==\",\n" +
        "                 \"dependencies\": { \"Beta\": \"2.0.0\", \"Gamma\": \"[1.0.0, 2.0.0)\" } },\n" +
        "      \"Beta\": { \"type\": \"transitive\", \"resolved\": \"2.0.0-rc.1+build\", \"contentHash\": \"b3RoZXI=\" },\n" +
        "      \"Lib\": { \"type\": \"Project\", \"dependencies\": { \"Alpha\": \"[1.0.0, )\" } },\n" +
        "      \"Odd\": { \"type\": \"Sideloaded\", \"resolved\": \"1.0.0\" }\n" +
        "    },\n" +
        "    \"net8.0/linux-x64\": {\n" +
        "      \"runtime.linux-x64.Native\": { \"type\": \"Transitive\", \"resolved\": \"1.0.0\", \"contentHash\": \"bmF0aXZl\" }\n" +
        "    },\n" +
        "    \".NETFramework,Version=v4.7.2\": { \"Alpha\": { \"type\": \"Direct\", \"resolved\": \"1.0.0\" } }\n" +
        "  }\n" +
        "}\n";

    private const string Aliased =
        "{\n" +
        "  \"version\": 3,\n" +
        "  \"main\": {\n" +
        "    \"framework\": \"net10.0\",\n" +
        "    \"dependencies\": { \"Alpha\": { \"type\": \"Direct\", \"requested\": \"[1.0.0, )\", \"resolved\": \"1.0.0\", \"contentHash\": \"aGFzaA==\" } }\n" +
        "  },\n" +
        "  \"main/win-x64\": { \"framework\": \"net10.0\", \"dependencies\": { \"Alpha\": { \"type\": \"Direct\", \"resolved\": \"1.0.0\" } } },\n" +
        "  \"no-framework\": { \"dependencies\": { \"Alpha\": { \"resolved\": \"1.0.0\" } } },\n" +
        "  \"empty\": { \"framework\": \"net8.0\" }\n" +
        "}\n";

    private const string Lenient =
        "// written by hand\n" +
        "{\n" +
        "  \"version\": 2, /* central package management */\n" +
        "  \"dependencies\": {\n" +
        "    \"net10.0\": { \"Alpha\": { \"type\": \"CentralTransitive\", \"requested\": \"[1.0.0, )\", \"resolved\": \"1.0.0\", }, },\n" +
        "    \"net9.0\": [],\n" +
        "  },\n" +
        "}\n";

    public static TheoryData<string, string> FilesNuGetReads()
    {
        var data = new TheoryData<string, string>
        {
            { "runtime-specific targets", RuntimeSpecific },
            { "version 3 aliases", Aliased },
            { "comments and trailing commas", Lenient },
            { "no targets", "{ \"version\": 1, \"dependencies\": {} }" },
        };

        // Every lock file this repository commits, as NuGet wrote them (build outputs and the demo's artifacts left out,
        // so a fresh clone and a worked-in tree run the same cases).
        var root = RepositoryFiles.Root;
        string[] generated = { "bin", "obj", "artifacts" };
        foreach (var path in Directory.EnumerateFiles(root, "packages.lock.json", SearchOption.AllDirectories)
                     .Where(p => !generated.Any(folder => p.Contains(Path.DirectorySeparatorChar + folder + Path.DirectorySeparatorChar))))
        {
            data.Add(Path.GetRelativePath(root, path), File.ReadAllText(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FilesNuGetReads))]
    public void Reads_what_NuGet_reads(string name, string text)
    {
        var expected = ReadWithNuGet(text);

        var actual = PackagesLockFileParser.Parse(Encoding.UTF8.GetBytes(text), "packages.lock.json");

        Assert.True(expected.Version > 0, name + ": NuGet could not read the sample itself");
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public void The_repository_has_lock_files_to_compare()
    {
        Assert.True(FilesNuGetReads().Count() >= 10);
    }

    [Theory]
    [InlineData("[]", "root is not a JSON object", null)]
    [InlineData("{ \"version\": \"two\" }", "\"version\" is \"two\"", null)]
    [InlineData("{ \"version\": 1, \"dependencies\": { \"net8.0\": { \"Alpha\": \"1.0.0\" } } }", "entry for 'Alpha' is a string", "Alpha")]
    [InlineData("{ \"version\": 1, \"dependencies\": { \"net8.0\": { \"Alpha\": { \"resolved\": \"one\" } } } }", "\"resolved\" 'one', which is not a version", "Alpha")]
    [InlineData("{ \"version\": 1, \"dependencies\": { \"net8.0\": { \"Alpha\": { \"resolved\": 1 } } } }", "\"resolved\" a number instead of a string", "Alpha")]
    [InlineData("{ \"version\": 1, \"dependencies\": { \"net8.0\": { \"Alpha\": { \"requested\": \"[1.0.0\" } } } }", "\"requested\" '[1.0.0', which is not a version range", "Alpha")]
    [InlineData("{ \"version\": 1, \"dependencies\": { \"net8.0\": { \"Alpha\": { \"dependencies\": { \"Beta\": \"x.y\" } } } } }", "dependency 'Beta' 'x.y'", "Alpha")]
    [InlineData("{ \"version\": 1, \"dependencies\": { \"net8.0\": { \"Alpha\": { \"dependencies\": { \"Beta\": [] } } } } }", "dependency 'Beta' an array", "Alpha")]
    [InlineData("{ \"version\": 3, \"main\": { \"framework\": 10 } }", "a target has \"framework\" a number", null)]
    public void Rejects_what_is_not_a_lock_file_naming_the_entry(string text, string reason, string? entry)
    {
        var ex = Assert.Throws<LockFileFormatException>(() => PackagesLockFileParser.Parse(Encoding.UTF8.GetBytes(text), "packages.lock.json"));

        Assert.Contains(reason, ex.Message);
        Assert.Equal(entry, ex.EntryId);
    }

    private static PackagesLockFile ReadWithNuGet(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return PackagesLockFileFormat.Read(stream, NullLogger.Instance, "packages.lock.json");
    }

    /// <summary>Everything the task reads from the model, as text, so a difference shows as a readable diff.</summary>
    private static string Describe(PackagesLockFile file)
    {
        var text = new StringBuilder().AppendLine($"version {file.Version}");
        foreach (var target in file.Targets)
        {
            text.AppendLine($"target {target.TargetFramework} rid={target.RuntimeIdentifier ?? "-"} alias={target.TargetAlias ?? "-"}");
            foreach (var entry in target.Dependencies)
            {
                text.AppendLine(
                    $"  {entry.Id} {entry.Type} resolved={entry.ResolvedVersion?.ToNormalizedString() ?? "-"} " +
                    $"requested={entry.RequestedVersion?.ToNormalizedString() ?? "-"} hash={entry.ContentHash ?? "-"}");
                foreach (var dependency in entry.Dependencies)
                {
                    text.AppendLine($"    -> {dependency.Id} {dependency.VersionRange?.ToNormalizedString() ?? "-"}");
                }
            }
        }

        return text.ToString();
    }
}
