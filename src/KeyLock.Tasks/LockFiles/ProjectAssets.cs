using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using NuGet.ProjectModel;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// What restore resolved (obj/project.assets.json, read with NuGet's own reader): the packages per target and the
    /// files of each package the build consumes.
    /// </summary>
    internal sealed class ProjectAssets
    {
        private readonly Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> _consumed;

        private ProjectAssets(string path, LockFile lockFile, Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> consumed)
        {
            Path = path;
            LockFile = lockFile;
            _consumed = consumed;
        }

        public string Path { get; }

        public LockFile LockFile { get; }

        /// <summary>Reads the assets file; a missing or unreadable file is a KL5007 finding and a null result.</summary>
        public static ProjectAssets? Read(string assetsFile, string lockFilePath, List<Finding> findings)
        {
            if (!File.Exists(assetsFile))
            {
                findings.Add(Findings.AssetsFileMissing(lockFilePath, assetsFile));
                return null;
            }

            LockFile lockFile;
            var log = new CapturingNuGetLogger();
            try
            {
                lockFile = new LockFileFormat().Read(assetsFile, log);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException || ex is FormatException)
            {
                findings.Add(Findings.AssetsFileUnreadable(lockFilePath, assetsFile, Findings.Describe(ex)));
                return null;
            }

            // NuGet's reader returns an empty file with version int.MinValue (and a logged reason) on a parse error.
            if (lockFile == null || lockFile.Version < 1)
            {
                var reason = log.Messages.Count > 0 ? string.Join(" ", log.Messages) : "no valid version";
                findings.Add(Findings.AssetsFileUnreadable(lockFilePath, assetsFile, reason));
                return null;
            }

            return new ProjectAssets(assetsFile, lockFile, CollectConsumedFiles(lockFile));
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

        private static Dictionary<(string Id, NuGetVersion Version), SortedSet<string>> CollectConsumedFiles(LockFile lockFile)
        {
            var result = new Dictionary<(string Id, NuGetVersion Version), SortedSet<string>>();

            SortedSet<string> For(string id, NuGetVersion version)
            {
                var key = (id.ToUpperInvariant(), version);
                if (!result.TryGetValue(key, out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    result.Add(key, set);
                }

                return set;
            }

            foreach (var target in lockFile.Targets ?? Enumerable.Empty<LockFileTarget>())
            {
                foreach (var library in target.Libraries ?? Enumerable.Empty<LockFileTargetLibrary>())
                {
                    if (!IsPackage(library.Type) || library.Name == null || library.Version == null)
                    {
                        continue;
                    }

                    var set = For(library.Name, library.Version);
                    var items = new IEnumerable<LockFileItem>?[]
                    {
                        library.CompileTimeAssemblies, library.RuntimeAssemblies, library.ResourceAssemblies, library.NativeLibraries,
                        library.AnalyzerAssets, library.Build, library.BuildMultiTargeting, library.ToolsAssemblies, library.EmbedAssemblies,
                        library.ContentFiles, library.RuntimeTargets,
                    };
                    foreach (var list in items)
                    {
                        foreach (var item in list ?? Enumerable.Empty<LockFileItem>())
                        {
                            Add(set, item?.Path);
                        }
                    }
                }
            }

            // Analyzers are chosen by the SDK from the library's file list, not per target.
            foreach (var library in lockFile.Libraries ?? Enumerable.Empty<LockFileLibrary>())
            {
                if (!IsPackage(library.Type) || library.Name == null || library.Version == null)
                {
                    continue;
                }

                foreach (var file in library.Files ?? Enumerable.Empty<string>())
                {
                    var normalized = file.Replace('\\', '/');
                    if (normalized.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase)
                        && normalized.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    {
                        Add(For(library.Name, library.Version), normalized);
                    }
                }
            }

            return result;
        }

        internal static bool IsPackage(string? type) => string.Equals(type, "package", StringComparison.OrdinalIgnoreCase);

        private static void Add(SortedSet<string> set, string? path)
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
