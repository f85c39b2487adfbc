using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// Reads what the task needs from project.assets.json with System.Text.Json: per target the packages restore resolved
    /// and the files the build takes from each, the analyzers each package holds, and the restore's sources. NuGet's own
    /// reader also builds the whole package spec and every dependency list, and JIT-compiling it was the longest step of a
    /// build after a restore; System.Text.Json ships precompiled with the runtime. What NuGet reads, this reads the same
    /// (a test compares both on real and hand-written files); a value of the wrong JSON type, which NuGet would skip or
    /// coerce, is rejected, since only a hand-edited or damaged file has one.
    /// </summary>
    internal static class AssetsFileParser
    {
        private const int AliasedTargetsVersion = 4;

        // Target-library properties that list files the build takes from the package (each key is a package path).
        private static readonly string[] ConsumedAssetGroups =
        {
            "compile", "runtime", "resource", "native", "build", "buildMultiTargeting", "contentFiles", "runtimeTargets", "tools", "embed",
        };

        /// <summary>
        /// The file's content. Throws <see cref="JsonException"/> for text that is not JSON and
        /// <see cref="InvalidDataException"/> (with the reason) for JSON that is not an assets file.
        /// </summary>
        public static ProjectAssets Parse(ReadOnlyMemory<byte> utf8, string path)
        {
            using var document = JsonDocument.Parse(utf8, JsonFiles.LenientDocument);
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "its root");
            var version = root.TryGetProperty("version", out var versionValue) && versionValue.ValueKind == JsonValueKind.Number
                && versionValue.TryGetInt32(out var number) && number >= 1
                ? number
                : throw new InvalidDataException("it has no valid \"version\"");

            var project = OptionalObject(root, "project", "the file");
            var frameworksByAlias = version >= AliasedTargetsVersion ? FrameworksByAlias(project) : null;
            var targets = new List<AssetsTarget>();
            var consumed = new Dictionary<(string Id, NuGetVersion Version), SortedSet<string>>();
            if (OptionalObject(root, "targets", "the file") is { } targetsValue)
            {
                foreach (var target in targetsValue.EnumerateObject())
                {
                    targets.Add(ReadTarget(target, frameworksByAlias, consumed));
                }
            }

            if (OptionalObject(root, "libraries", "the file") is { } libraries)
            {
                foreach (var library in libraries.EnumerateObject())
                {
                    AddAnalyzers(library, consumed);
                }
            }

            return new ProjectAssets(path, targets, RestoreSources(project), consumed);
        }

        /// <summary>
        /// A target key is "framework" or "framework/runtime"; from version 4 on the first part is the project's alias for a
        /// framework (project.frameworks names it), before that the framework itself.
        /// </summary>
        private static AssetsTarget ReadTarget(
            JsonProperty target,
            Dictionary<string, string>? frameworksByAlias,
            Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> consumed)
        {
            var parts = target.Name.Split(new[] { '/' }, 2);
            var framework = frameworksByAlias != null && frameworksByAlias.TryGetValue(parts[0], out var aliased) ? aliased : parts[0];
            var packages = new List<(string Id, NuGetVersion Version)>();
            Expect(target.Value, JsonValueKind.Object, $"the target '{target.Name}'");
            foreach (var library in target.Value.EnumerateObject())
            {
                var (id, version) = LibraryKey(library.Name);
                Expect(library.Value, JsonValueKind.Object, $"the library '{library.Name}'");
                if (version == null || !IsPackage(library.Value, library.Name))
                {
                    continue;
                }

                packages.Add((id, version));
                var files = FilesOf(consumed, id, version);
                foreach (var group in ConsumedAssetGroups)
                {
                    if (OptionalObject(library.Value, group, $"the library '{library.Name}'") is { } items)
                    {
                        foreach (var item in items.EnumerateObject())
                        {
                            ProjectAssets.Add(files, item.Name);
                        }
                    }
                }
            }

            return new AssetsTarget(ParseFramework(framework, target.Name), parts.Length == 2 ? parts[1] : null, packages);
        }

        private static NuGetFramework ParseFramework(string framework, string targetName)
        {
            try
            {
                return FrameworkNames.Parse(framework);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException)
            {
                throw new InvalidDataException($"the target '{targetName}' names '{framework}', which is not a framework", ex);
            }
        }

        /// <summary>Analyzers are chosen by the SDK from the library's file list, not per target.</summary>
        private static void AddAnalyzers(JsonProperty library, Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> consumed)
        {
            var (id, version) = LibraryKey(library.Name);
            Expect(library.Value, JsonValueKind.Object, $"the library '{library.Name}'");
            if (version == null || !IsPackage(library.Value, library.Name)
                || !library.Value.TryGetProperty("files", out var files) || files.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            Expect(files, JsonValueKind.Array, $"the \"files\" of '{library.Name}'");
            SortedSet<string>? set = null;
            foreach (var file in files.EnumerateArray())
            {
                Expect(file, JsonValueKind.String, $"a file of '{library.Name}'");
                var normalized = file.GetString()!.Replace('\\', '/');
                if (normalized.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase)
                    && normalized.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    ProjectAssets.Add(set ??= FilesOf(consumed, id, version), normalized);
                }
            }
        }

        /// <summary>project.frameworks: each alias and the framework it stands for.</summary>
        private static Dictionary<string, string> FrameworksByAlias(JsonElement? project)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (project is { } value && OptionalObject(value, "frameworks", "the project") is { } frameworks)
            {
                foreach (var alias in frameworks.EnumerateObject())
                {
                    Expect(alias.Value, JsonValueKind.Object, $"the project framework '{alias.Name}'");
                    if (alias.Value.TryGetProperty("framework", out var framework) && framework.ValueKind == JsonValueKind.String)
                    {
                        result[alias.Name] = framework.GetString()!;
                    }
                }
            }

            return result;
        }

        /// <summary>
        /// project.restore.sources, as nuget.config, RestoreSources and --source gave them; null when the file has no restore
        /// section (as NuGet's reader, which gives no restore metadata then, and an empty list for a section without sources).
        /// </summary>
        private static IReadOnlyList<string>? RestoreSources(JsonElement? project)
        {
            if (project is not { } value || OptionalObject(value, "restore", "the project") is not { } restore)
            {
                return null;
            }

            var result = new List<string>();
            if (OptionalObject(restore, "sources", "the project's restore section") is { } sources)
            {
                foreach (var source in sources.EnumerateObject())
                {
                    result.Add(source.Name);
                }
            }

            return result;
        }

        /// <summary>"Id/Version"; a key without a version (not a package) gives a null version.</summary>
        private static (string Id, NuGetVersion? Version) LibraryKey(string key)
        {
            var slash = key.IndexOf('/');
            if (slash < 0)
            {
                return (key, null);
            }

            var text = key.Substring(slash + 1);
            return NuGetVersion.TryParse(text, out var version)
                ? (key.Substring(0, slash), version)
                : throw new InvalidDataException($"the library '{key}' has '{text}', which is not a version");
        }

        private static bool IsPackage(JsonElement library, string name)
        {
            if (!library.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.Null)
            {
                return false;
            }

            Expect(type, JsonValueKind.String, $"the \"type\" of '{name}'");
            return ProjectAssets.IsPackage(type.GetString());
        }

        private static SortedSet<string> FilesOf(Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> consumed, string id, NuGetVersion version)
        {
            var key = (id.ToUpperInvariant(), version);
            if (!consumed.TryGetValue(key, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                consumed.Add(key, set);
            }

            return set;
        }

        private static JsonElement? OptionalObject(JsonElement owner, string name, string ownerDescription)
        {
            if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            Expect(value, JsonValueKind.Object, $"\"{name}\" of {ownerDescription}");
            return value;
        }

        private static void Expect(JsonElement value, JsonValueKind kind, string what)
        {
            if (value.ValueKind != kind)
            {
                throw new InvalidDataException($"{what} is {JsonFiles.Describe(value)}, not {JsonFiles.Describe(kind)}");
            }
        }
    }
}
