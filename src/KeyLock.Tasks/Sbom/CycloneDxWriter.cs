using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using NuGet.ProjectModel;

namespace KeyLock.Tasks.Sbom
{
    /// <summary>
    /// Writes a CycloneDX 1.6 JSON SBOM of the verified package graph (https://cyclonedx.org/docs/1.6/json/): one
    /// "library" component per locked package (purl pkg:nuget/Id@Version, the lock file's SHA-512 content hash in hex,
    /// licence and signers where the package says), and the dependency tree the lock file records. No CycloneDX library
    /// fits the task's load context (the .NET CycloneDX package is a dotnet tool), so this writes the documented shape with
    /// System.Text.Json.
    /// </summary>
    internal static class CycloneDxWriter
    {
        public const string SpecVersion = "1.6";

        public sealed class Input
        {
            public string ProjectName { get; set; } = string.Empty;

            public IReadOnlyList<LockedPackage> Packages { get; set; } = Array.Empty<LockedPackage>();

            public PackagesLockFile? LockFile { get; set; }

            public IReadOnlyDictionary<LockedPackage, PackageFacts> Facts { get; set; } = new Dictionary<LockedPackage, PackageFacts>();

            public DateTimeOffset Timestamp { get; set; } = DateTimeOffset.UtcNow;

            public Guid SerialNumber { get; set; } = Guid.NewGuid();
        }

        public static string Purl(string id, string normalizedVersion) =>
            "pkg:nuget/" + Uri.EscapeDataString(id) + "@" + Uri.EscapeDataString(normalizedVersion);

        /// <summary>The lock file's base64 content hash as lower-case hex; null when it is not a SHA-512.</summary>
        public static string? HexSha512(string base64)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }

            if (bytes.Length != 64)
            {
                return null;
            }

            var hex = new StringBuilder(128);
            foreach (var b in bytes)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        /// <summary>Writes the SBOM to <paramref name="path"/> through a temporary file in the same folder, then replaces it.</summary>
        public static void WriteFile(string path, Input input)
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory!);
            }

            var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    Write(stream, input);
                }

                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(temporary, path);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        public static void Write(Stream stream, Input input)
        {
            var refs = input.Packages.ToDictionary(p => p, p => Purl(p.Id, p.Version.ToNormalizedString()));
            var projectRef = "project:" + input.ProjectName;

            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
                json.WriteString("bomFormat", "CycloneDX");
                json.WriteString("specVersion", SpecVersion);
                json.WriteString("serialNumber", "urn:uuid:" + input.SerialNumber.ToString("D"));
                json.WriteNumber("version", 1);

                json.WriteStartObject("metadata");
                json.WriteString("timestamp", input.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteStartObject("tools");
                json.WriteStartArray("components");
                json.WriteStartObject();
                json.WriteString("type", "application");
                json.WriteString("name", "KeyLock");
                json.WriteString("version", KeyLockVersion());
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("component");
                json.WriteString("type", "application");
                json.WriteString("bom-ref", projectRef);
                json.WriteString("name", input.ProjectName);
                json.WriteEndObject();
                json.WriteEndObject();

                json.WriteStartArray("components");
                foreach (var package in input.Packages)
                {
                    input.Facts.TryGetValue(package, out var facts);
                    WriteComponent(json, package, refs[package], facts);
                }

                json.WriteEndArray();

                json.WriteStartArray("dependencies");
                WriteDependency(json, projectRef, DirectReferences(input, refs));
                var graph = DependencyGraph(input, refs);
                foreach (var package in input.Packages)
                {
                    WriteDependency(json, refs[package], graph.TryGetValue(refs[package], out var children) ? children : new SortedSet<string>());
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        private static void WriteComponent(Utf8JsonWriter json, LockedPackage package, string purl, PackageFacts? facts)
        {
            json.WriteStartObject();
            json.WriteString("type", "library");
            json.WriteString("bom-ref", purl);
            json.WriteString("name", package.Id);
            json.WriteString("version", package.Version.ToNormalizedString());
            json.WriteString("purl", purl);

            var hex = HexSha512(package.ContentHash);
            if (hex != null)
            {
                json.WriteStartArray("hashes");
                json.WriteStartObject();
                json.WriteString("alg", "SHA-512");
                json.WriteString("content", hex);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            if (facts != null)
            {
                WriteLicenses(json, facts);
                var properties = new List<(string, string)>();
                if (facts.AuthorSigner != null)
                {
                    properties.Add(("keylock:nuget:authorSigner", facts.AuthorSigner));
                }

                if (facts.RepositorySigner != null)
                {
                    properties.Add(("keylock:nuget:repositorySigner", facts.RepositorySigner));
                }

                if (facts.PublishedAt != null)
                {
                    properties.Add(("keylock:nuget:publishedAt", facts.PublishedAt.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
                }

                if (facts.HasBuildCode)
                {
                    properties.Add(("keylock:nuget:buildTimeCode", string.Join(" ", facts.BuildFiles.Concat(facts.AnalyzerFiles).Concat(facts.ToolScripts))));
                }

                if (properties.Count > 0)
                {
                    json.WriteStartArray("properties");
                    foreach (var (name, value) in properties)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", name);
                        json.WriteString("value", value);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        private static void WriteLicenses(Utf8JsonWriter json, PackageFacts facts)
        {
            if (facts.LicenseExpression != null)
            {
                // CycloneDX: an SPDX expression is the only entry of "licenses".
                json.WriteStartArray("licenses");
                json.WriteStartObject();
                json.WriteString("expression", facts.LicenseExpression);
                json.WriteEndObject();
                json.WriteEndArray();
                return;
            }

            if (facts.LicenseFile == null && facts.LicenseUrl == null)
            {
                return;
            }

            json.WriteStartArray("licenses");
            json.WriteStartObject();
            json.WriteStartObject("license");
            json.WriteString("name", facts.LicenseFile != null ? "see " + facts.LicenseFile + " in the package" : "see the licence URL");
            if (facts.LicenseUrl != null && Uri.TryCreate(facts.LicenseUrl, UriKind.Absolute, out _))
            {
                json.WriteString("url", facts.LicenseUrl);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        private static void WriteDependency(Utf8JsonWriter json, string reference, IEnumerable<string> dependsOn)
        {
            json.WriteStartObject();
            json.WriteString("ref", reference);
            json.WriteStartArray("dependsOn");
            foreach (var child in dependsOn)
            {
                json.WriteStringValue(child);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static IEnumerable<string> DirectReferences(Input input, IReadOnlyDictionary<LockedPackage, string> refs)
        {
            var direct = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var target in input.LockFile?.Targets ?? Enumerable.Empty<PackagesLockFileTarget>())
            {
                foreach (var dependency in target.Dependencies.Where(d => d.Type == PackageDependencyType.Direct))
                {
                    var reference = Find(refs, dependency.Id, dependency.ResolvedVersion?.ToNormalizedString());
                    if (reference != null)
                    {
                        direct.Add(reference);
                    }
                }
            }

            return direct;
        }

        /// <summary>Per package: the packages its lock-file entries depend on, resolved within the same target, merged over targets.</summary>
        private static Dictionary<string, SortedSet<string>> DependencyGraph(Input input, IReadOnlyDictionary<LockedPackage, string> refs)
        {
            var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var target in input.LockFile?.Targets ?? Enumerable.Empty<PackagesLockFileTarget>())
            {
                var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var dependency in target.Dependencies)
                {
                    if (dependency.ResolvedVersion != null)
                    {
                        resolved[dependency.Id] = dependency.ResolvedVersion.ToNormalizedString();
                    }
                }

                foreach (var dependency in target.Dependencies)
                {
                    var parent = Find(refs, dependency.Id, dependency.ResolvedVersion?.ToNormalizedString());
                    if (parent == null)
                    {
                        continue;
                    }

                    if (!graph.TryGetValue(parent, out var children))
                    {
                        graph[parent] = children = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    foreach (var child in dependency.Dependencies ?? Enumerable.Empty<NuGet.Packaging.Core.PackageDependency>())
                    {
                        if (resolved.TryGetValue(child.Id, out var version))
                        {
                            var reference = Find(refs, child.Id, version);
                            if (reference != null)
                            {
                                children.Add(reference);
                            }
                        }
                    }
                }
            }

            return graph;
        }

        private static string? Find(IReadOnlyDictionary<LockedPackage, string> refs, string id, string? version)
        {
            if (version == null)
            {
                return null;
            }

            foreach (var pair in refs)
            {
                if (string.Equals(pair.Key.Id, id, StringComparison.OrdinalIgnoreCase) && pair.Key.Version.ToNormalizedString() == version)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        private static string KeyLockVersion()
        {
            var assembly = typeof(CycloneDxWriter).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
            var plus = version.IndexOf('+');
            return plus > 0 ? version.Substring(0, plus) : version;
        }
    }
}
