using System;
using System.Collections.Generic;
using System.Linq;
using KeyLock.Tasks.Reporting;
using NuGet.ProjectModel;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// KL5007: the lock file must pin exactly the packages restore resolved, per target framework and runtime identifier.
    /// NuGet checks this only in locked mode and on a non-no-op restore; outside locked mode it rewrites the lock file
    /// silently, and a no-op restore checks nothing, so a stale or hand-edited lock file can sit next to other packages.
    /// </summary>
    internal static class LockFileConsistency
    {
        public static IReadOnlyList<Finding> Compare(string lockFilePath, LockFileReadResult locked, ProjectAssets assets, string assetsDisplay)
        {
            var findings = new List<Finding>();
            var lockFile = locked.LockFile;
            if (lockFile == null)
            {
                return findings;
            }

            var lockTargets = (lockFile.Targets ?? Enumerable.Empty<PackagesLockFileTarget>()).ToList();
            var matchedLockTargets = new HashSet<PackagesLockFileTarget>();

            foreach (var assetsTarget in assets.Targets)
            {
                // A short folder name needs NuGet's framework tables: built only for a message.
                var name = new Lazy<string>(() => TargetName(assetsTarget.Framework.GetShortFolderName(), assetsTarget.RuntimeIdentifier));
                var lockTarget = lockTargets.FirstOrDefault(t =>
                    Equals(t.TargetFramework, assetsTarget.Framework)
                    && string.Equals(t.RuntimeIdentifier ?? string.Empty, assetsTarget.RuntimeIdentifier ?? string.Empty, StringComparison.OrdinalIgnoreCase));

                var resolved = assetsTarget.Packages;

                if (lockTarget == null)
                {
                    if (resolved.Count > 0)
                    {
                        findings.Add(Findings.TargetNotLocked(lockFilePath, name.Value, assetsDisplay));
                    }

                    continue;
                }

                matchedLockTargets.Add(lockTarget);
                var pinned = (lockTarget.Dependencies ?? Enumerable.Empty<LockFileDependency>())
                    .Where(d => d.Type != PackageDependencyType.Project && d.Id != null)
                    .GroupBy(d => d.Id, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
                var resolvedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

                foreach (var library in resolved)
                {
                    resolvedIds.Add(library.Id);
                    var display = library.Id + " " + library.Version.ToNormalizedString();
                    if (!pinned.TryGetValue(library.Id, out var dependency))
                    {
                        findings.Add(Findings.PackageNotLocked(SourceLocation.InFile(lockFilePath), name.Value, display, assetsDisplay));
                    }
                    else if (dependency.ResolvedVersion != null && dependency.ResolvedVersion != library.Version)
                    {
                        findings.Add(Findings.PackageVersionDiffers(
                            Locate(lockFilePath, locked, dependency),
                            name.Value,
                            dependency.Id + " " + dependency.ResolvedVersion.ToNormalizedString(),
                            display,
                            assetsDisplay));
                    }
                }

                foreach (var dependency in pinned.Values)
                {
                    if (!resolvedIds.Contains(dependency.Id))
                    {
                        var display = dependency.Id + (dependency.ResolvedVersion == null ? string.Empty : " " + dependency.ResolvedVersion.ToNormalizedString());
                        findings.Add(Findings.PackageNotRestored(Locate(lockFilePath, locked, dependency), name.Value, display, assetsDisplay));
                    }
                }
            }

            foreach (var extra in lockTargets.Where(t => !matchedLockTargets.Contains(t)))
            {
                var name = TargetName(extra.TargetFramework?.GetShortFolderName(), extra.RuntimeIdentifier);
                findings.Add(Findings.TargetNotRestored(SourceLocation.InFile(lockFilePath), name, assetsDisplay));
            }

            return findings;
        }

        private static string TargetName(string? framework, string? runtimeIdentifier) =>
            string.IsNullOrEmpty(runtimeIdentifier) ? framework ?? "?" : (framework ?? "?") + "/" + runtimeIdentifier;

        private static SourceLocation Locate(string lockFilePath, LockFileReadResult locked, LockFileDependency dependency)
        {
            if (locked.Locator == null || locked.LockFile == null)
            {
                return SourceLocation.InFile(lockFilePath);
            }

            var position = dependency.ResolvedVersion != null
                ? locked.Locator.Find(dependency.Id, dependency.ResolvedVersion, locked.LockFile.Version)
                : locked.Locator.Find(dependency.Id, locked.LockFile.Version, _ => true);
            return new SourceLocation(lockFilePath, position.Line, position.Column);
        }
    }
}
