using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// What restore resolved (obj/project.assets.json, read by <see cref="AssetsFileParser"/>): the packages per target, the
    /// files of each package the build consumes, and the sources restore used.
    /// </summary>
    internal sealed class ProjectAssets
    {
        private readonly Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> _consumed;

        internal ProjectAssets(
            string path,
            IReadOnlyList<AssetsTarget> targets,
            IReadOnlyList<string>? restoreSources,
            Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> consumed)
        {
            Path = path;
            Targets = targets;
            RestoreSources = restoreSources;
            _consumed = consumed;
        }

        public string Path { get; }

        public IReadOnlyList<AssetsTarget> Targets { get; }

        /// <summary>project.restore.sources; null when the file does not record them.</summary>
        public IReadOnlyList<string>? RestoreSources { get; }

        /// <summary>Reads the assets file; a missing or unreadable file is a KL5007 finding and a null result.</summary>
        public static ProjectAssets? Read(string assetsFile, string lockFilePath, List<Finding> findings)
        {
            if (!File.Exists(assetsFile))
            {
                findings.Add(Findings.AssetsFileMissing(lockFilePath, assetsFile));
                return null;
            }

            try
            {
                var utf8 = File.ReadAllBytes(assetsFile);
                var start = JsonFiles.BodyStart(utf8);
                return AssetsFileParser.Parse(new ReadOnlyMemory<byte>(utf8, start, utf8.Length - start), assetsFile);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException || ex is InvalidDataException)
            {
                findings.Add(Findings.AssetsFileUnreadable(lockFilePath, assetsFile, Findings.Describe(ex)));
                return null;
            }
        }

        /// <summary>
        /// Package-relative paths ('/'-separated) of every file the build takes from the package, over all targets: compile,
        /// runtime, resource, native and runtime-specific assets, analyzers, build/buildTransitive/buildMultiTargeting
        /// props and targets, content files, embedded and tools assemblies. Empty when restore resolved no such package.
        /// </summary>
        public IReadOnlyCollection<string> ConsumedFiles(string id, NuGetVersion version) =>
            _consumed.TryGetValue((id.ToUpperInvariant(), version), out var files) ? (IReadOnlyCollection<string>)files : Array.Empty<string>();

        /// <summary>
        /// Counts files the build loads from a packages folder outside NuGet's conventions (such as Analyzer items a package's
        /// targets point at another folder of the package: KeyLock's own ReadyToRun analyzers) among the consumed files of the
        /// restored package whose folder holds them, so they are checked against its archive like the rest. Paths outside
        /// the packages folders, or in the folder of a package restore did not resolve, are left alone.
        /// </summary>
        public void AddLoadedFiles(IEnumerable<string> fullPaths, IReadOnlyList<string> packageFolders)
        {
            foreach (var fullPath in fullPaths)
            {
                // <id>/<version>/<path in the package>, as the global packages folder and fallback folders lay packages out.
                var parts = PackageFolderList.RelativePath(packageFolders, fullPath)?.Split(new[] { '/' }, 3);
                if (parts == null || parts.Length < 3 || !NuGetVersion.TryParse(parts[1], out var version)
                    || !_consumed.TryGetValue((parts[0].ToUpperInvariant(), version), out var files))
                {
                    continue;
                }

                Add(files, parts[2]);
            }
        }

        internal static bool IsPackage(string? type) => string.Equals(type, "package", StringComparison.OrdinalIgnoreCase);

        /// <summary>Adds a package path ('/'-separated) unless it only marks an empty folder.</summary>
        internal static void Add(SortedSet<string> set, string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return;
            }

            var normalized = path!.Replace('\\', '/');

            // "_._" marks an empty folder: nothing is consumed.
            if (normalized.EndsWith("/_._", StringComparison.Ordinal) || normalized == "_._")
            {
                return;
            }

            set.Add(normalized);
        }
    }
}
