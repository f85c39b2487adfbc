using System;
using System.Collections.Generic;
using System.Text.Json;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.ProjectModel;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// Reads packages.lock.json (versions 1 to 3) into NuGet's own lock-file model with System.Text.Json.
    /// NuGet 8's reader goes through Newtonsoft.Json, whose loading and JIT compilation were the longest step of a build
    /// after a change; System.Text.Json ships precompiled with the runtime. It accepts what NuGet's reader accepts (comments,
    /// trailing commas, targets without a framework in version 3 skipped) and rejects with a reason what NuGet rejects, and
    /// also a value of the wrong JSON type that NuGet would coerce (a number where NuGet writes a version string).
    /// </summary>
    internal static class PackagesLockFileParser
    {
        private const int AliasedTargetsVersion = 3;
        /// <summary>
        /// The file's targets and entries. Throws <see cref="JsonException"/> for text that is not JSON and
        /// <see cref="LockFileFormatException"/> for JSON that is not a lock file.
        /// </summary>
        public static PackagesLockFile Parse(ReadOnlyMemory<byte> utf8, string path)
        {
            using var document = JsonDocument.Parse(utf8, JsonFiles.LenientDocument);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LockFileFormatException("its root is not a JSON object.", entryId: null);
            }

            var version = ReadVersion(root);
            var targets = new List<PackagesLockFileTarget>();
            if (version >= AliasedTargetsVersion)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (property.NameEquals(LockFileJson.Version) || property.Value.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    // Version 3 keys targets by alias; only objects that name a framework are targets.
                    var framework = StringOrNull(property.Value, LockFileJson.Framework, entryId: null);
                    if (!string.IsNullOrEmpty(framework))
                    {
                        targets.Add(ReadTarget(property.Name, framework, property.Value));
                    }
                }
            }
            else if (root.TryGetProperty(LockFileJson.Dependencies, out var byTarget) && byTarget.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in byTarget.EnumerateObject())
                {
                    targets.Add(ReadTarget(property.Name, framework: null, property.Value));
                }
            }

            return new PackagesLockFile { Version = version, Targets = targets, Path = path };
        }

        private static int ReadVersion(JsonElement root)
        {
            if (!root.TryGetProperty(LockFileJson.Version, out var value))
            {
                return int.MinValue;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            {
                return number;
            }

            throw new LockFileFormatException($"its \"{LockFileJson.Version}\" is {value.GetRawText()}, not a whole number.", entryId: null);
        }

        /// <summary>
        /// A target key is "framework" or "framework/runtime" (versions 1 and 2: <paramref name="framework"/> null, the value
        /// holds the entries) or "alias" or "alias/runtime" (version 3: the value names the framework and holds the entries
        /// under "dependencies").
        /// </summary>
        private static PackagesLockFileTarget ReadTarget(string key, string? framework, JsonElement value)
        {
            var alias = framework != null;
            var parts = key.Split('/');
            var target = new PackagesLockFileTarget
            {
                TargetFramework = FrameworkNames.Parse(framework ?? parts[0]),
                RuntimeIdentifier = parts.Length == 2 ? parts[1] : null,
                Dependencies = new List<LockFileDependency>(),
            };

            if (alias)
            {
                target.TargetAlias = parts[0];
            }

            var entries = value;
            if (alias && !value.TryGetProperty(LockFileJson.Dependencies, out entries))
            {
                return target;
            }

            if (entries.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in entries.EnumerateObject())
                {
                    target.Dependencies.Add(ReadEntry(entry.Name, entry.Value));
                }
            }

            return target;
        }

        private static LockFileDependency ReadEntry(string id, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new LockFileFormatException($"the entry for '{id}' is {JsonFiles.Describe(value)}, not an object.", id);
            }

            var dependency = new LockFileDependency
            {
                Id = id,
                ContentHash = StringOrNull(value, LockFileJson.ContentHash, id),
                Dependencies = new List<PackageDependency>(),
            };

            var type = StringOrNull(value, LockFileJson.Type, id);
            if (!string.IsNullOrEmpty(type) && Enum.TryParse<PackageDependencyType>(type, ignoreCase: true, out var parsedType))
            {
                dependency.Type = parsedType;
            }

            var resolved = StringOrNull(value, LockFileJson.Resolved, id);
            if (!string.IsNullOrEmpty(resolved))
            {
                dependency.ResolvedVersion = NuGetVersion.TryParse(resolved, out var version)
                    ? version
                    : throw new LockFileFormatException($"the entry for '{id}' has \"resolved\" '{resolved}', which is not a version.", id);
            }

            var requested = StringOrNull(value, LockFileJson.Requested, id);
            if (!string.IsNullOrEmpty(requested))
            {
                dependency.RequestedVersion = ParseRange(requested!, id, "\"" + LockFileJson.Requested + "\"");
            }

            if (value.TryGetProperty(LockFileJson.Dependencies, out var needs) && needs.ValueKind == JsonValueKind.Object)
            {
                foreach (var need in needs.EnumerateObject())
                {
                    var range = need.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => ParseRange(need.Value.GetString()!, id, $"dependency '{need.Name}'"),
                        _ => throw new LockFileFormatException(
                            $"the entry for '{id}' gives its dependency '{need.Name}' {JsonFiles.Describe(need.Value)} instead of a version range.", id),
                    };
                    dependency.Dependencies.Add(new PackageDependency(need.Name, range));
                }
            }

            return dependency;
        }

        private static VersionRange ParseRange(string text, string id, string what) =>
            VersionRange.TryParse(text, out var range)
                ? range
                : throw new LockFileFormatException($"the entry for '{id}' has {what} '{text}', which is not a version range.", id);

        private static string? StringOrNull(JsonElement owner, string name, string? entryId)
        {
            if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new LockFileFormatException(
                    (entryId == null ? "a target" : $"the entry for '{entryId}'") + $" has \"{name}\" {JsonFiles.Describe(value)} instead of a string.",
                    entryId);
        }
    }

    /// <summary>The lock file is JSON but not a lock file NuGet could have written; names the entry when one is at fault.</summary>
    internal sealed class LockFileFormatException : Exception
    {
        public LockFileFormatException(string reason, string? entryId)
            : base(reason)
        {
            EntryId = entryId;
        }

        public string? EntryId { get; }
    }
}
