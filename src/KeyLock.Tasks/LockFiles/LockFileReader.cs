using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KeyLock.Tasks.Reporting;
using NuGet.ProjectModel;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// Reads packages.lock.json into NuGet's lock-file model and returns each locked package once, with the
    /// line of its entry. A malformed file becomes a KL5002 finding, never an exception.
    /// </summary>
    internal static class LockFileReader
    {
        private static readonly HashSet<string> KnownTypes =
            new HashSet<string>(Enum.GetNames(typeof(PackageDependencyType)), StringComparer.OrdinalIgnoreCase);

        public static LockFileReadResult Read(string lockFilePath)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(lockFilePath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Failed(Findings.LockFileUnreadable(SourceLocation.InFile(lockFilePath), Findings.Describe(ex)));
            }

            return Read(lockFilePath, bytes);
        }

        /// <summary>Reads from bytes already in memory, so the parser and the line locator see exactly the same content.</summary>
        internal static LockFileReadResult Read(string lockFilePath, byte[] bytes)
        {
            LockFileLineLocator locator;
            try
            {
                locator = LockFileLineLocator.Parse(bytes);
            }
            catch (LockFileSyntaxException ex)
            {
                return Failed(Findings.LockFileUnreadable(
                    new SourceLocation(lockFilePath, ex.Line, ex.Column),
                    "it is not valid JSON (" + ex.Message.TrimEnd('.') + ")."));
            }

            PackagesLockFile lockFile;
            try
            {
                lockFile = PackagesLockFileParser.Parse(bytes.AsMemory(JsonFiles.BodyStart(bytes)), lockFilePath);
            }
            catch (LockFileFormatException ex)
            {
                (int Line, int Column) at = ex.EntryId == null ? (0, 0) : locator.FindAnyVersion(ex.EntryId);
                return Failed(Findings.LockFileUnreadable(new SourceLocation(lockFilePath, at.Line, at.Column), ex.Message));
            }

            if (lockFile.Version < 1)
            {
                return Failed(Findings.LockFileUnreadable(SourceLocation.InFile(lockFilePath), "it has no valid \"version\" property."));
            }

            return Collect(lockFilePath, lockFile, locator);
        }

        private static LockFileReadResult Collect(string lockFilePath, PackagesLockFile lockFile, LockFileLineLocator locator)
        {
            var findings = new List<Finding>();
            FindDuplicateEntries(lockFilePath, locator, findings);
            var packages = new List<LockedPackage>();
            var seen = new Dictionary<(string Id, NuGetVersion Version), LockedPackage>(new PackageKeyComparer());

            foreach (var target in lockFile.Targets ?? Enumerable.Empty<PackagesLockFileTarget>())
            {
                foreach (var dependency in target.Dependencies ?? Enumerable.Empty<LockFileDependency>())
                {
                    // Project references are built from source in this build; they have no archive to hash.
                    if (dependency.Type == PackageDependencyType.Project)
                    {
                        continue;
                    }

                    if (dependency.ResolvedVersion == null)
                    {
                        var at = locator.Find(dependency.Id, lockFile.Version, entry => string.IsNullOrWhiteSpace(entry.Resolved));
                        findings.Add(Findings.MissingResolvedVersion(new SourceLocation(lockFilePath, at.Line, at.Column), dependency.Id));
                        continue;
                    }

                    var key = (dependency.Id, dependency.ResolvedVersion);
                    var hash = dependency.ContentHash?.Trim() ?? string.Empty;
                    if (seen.TryGetValue(key, out var first))
                    {
                        if (!string.Equals(first.ContentHash, hash, StringComparison.Ordinal))
                        {
                            var at = locator.Find(
                                dependency.Id,
                                lockFile.Version,
                                entry => entry.ResolvedVersion == dependency.ResolvedVersion
                                    && !string.Equals(entry.ContentHash?.Trim() ?? string.Empty, first.ContentHash, StringComparison.Ordinal));
                            findings.Add(Findings.ConflictingContentHashes(new SourceLocation(lockFilePath, at.Line, at.Column), first));
                        }

                        continue;
                    }

                    var position = locator.Find(dependency.Id, dependency.ResolvedVersion, lockFile.Version);
                    var package = new LockedPackage(
                        dependency.Id,
                        dependency.ResolvedVersion,
                        hash,
                        new SourceLocation(lockFilePath, position.Line, position.Column));
                    seen.Add(key, package);

                    if (hash.Length == 0)
                    {
                        findings.Add(Findings.ContentHashMissing(package));
                    }
                    else
                    {
                        packages.Add(package);
                    }
                }
            }

            return new LockFileReadResult(packages, findings, lockFile, locator);
        }

        /// <summary>
        /// The same id twice in one target section (a duplicate JSON property) is something NuGet never writes; which copy a
        /// reader keeps differs between readers, so it is an error rather than a guess.
        /// </summary>
        private static void FindDuplicateEntries(string lockFilePath, LockFileLineLocator locator, List<Finding> findings)
        {
            var seen = new HashSet<(string, string, string)>();
            foreach (var entry in locator.Entries)
            {
                if (!string.Equals(entry.First, "dependencies", StringComparison.Ordinal) && !string.Equals(entry.Second, "dependencies", StringComparison.Ordinal))
                {
                    continue;
                }

                if (entry.Type != null && !KnownTypes.Contains(entry.Type))
                {
                    findings.Add(Findings.UnknownDependencyType(new SourceLocation(lockFilePath, entry.Line, entry.Column), entry.Id, entry.Type));
                }

                var key = (entry.First.ToUpperInvariant(), entry.Second.ToUpperInvariant(), entry.Id.ToUpperInvariant());
                if (!seen.Add(key))
                {
                    var target = string.Equals(entry.First, "dependencies", StringComparison.Ordinal) ? entry.Second : entry.First;
                    findings.Add(Findings.DuplicateEntry(new SourceLocation(lockFilePath, entry.Line, entry.Column), entry.Id, target));
                }
            }
        }

        private static LockFileReadResult Failed(Finding finding) =>
            new LockFileReadResult(Array.Empty<LockedPackage>(), new[] { finding });

        private sealed class PackageKeyComparer : IEqualityComparer<(string Id, NuGetVersion Version)>
        {
            public bool Equals((string Id, NuGetVersion Version) x, (string Id, NuGetVersion Version) y) =>
                string.Equals(x.Id, y.Id, StringComparison.OrdinalIgnoreCase) && x.Version == y.Version;

            public int GetHashCode((string Id, NuGetVersion Version) obj) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Id) ^ obj.Version.GetHashCode();
        }
    }
}
