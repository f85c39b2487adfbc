using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Sbom;
using KeyLock.Tasks.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace KeyLock.Tasks.Policy
{
    /// <summary>
    /// The supply-chain policy checks that run next to the integrity checks: keylock.json and its MSBuild overrides,
    /// the deny list (KL5020), the cooldown (KL6020), build-time code (KL7001), and the SBOM (KL8001). Everything is read offline from the lock file and the cached packages.
    /// </summary>
    internal sealed class SupplyChainChecks
    {
        private readonly List<(MessageImportance Importance, string Text)> _summary = new List<(MessageImportance, string)>();

        private SupplyChainChecks(KeyLockPolicy policy)
        {
            Policy = policy;
        }

        public KeyLockPolicy Policy { get; }

        /// <summary>The severity KL7001 is reported with ("warning" or "error"), for the reporter's severity policy.</summary>
        public string BuildCodeSeverity => Policy.BuildCode == BuildCodeMode.Warn ? "warning" : "error";

        /// <summary>The clock the cooldown compares against; tests set it.</summary>
        internal Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Facts of each located package, after <see cref="Check"/>; packages whose archive was not found are absent.</summary>
        public Dictionary<LockedPackage, PackageFacts> Facts { get; } = new Dictionary<LockedPackage, PackageFacts>();

        /// <summary>Reads the policy; its problems (KL9020, KL9003) go to <paramref name="findings"/>.</summary>
        public static SupplyChainChecks Load(string projectDirectory, string projectFile, PolicyLoader.Overrides overrides, List<Finding> findings) =>
            new SupplyChainChecks(PolicyLoader.Load(projectDirectory, projectFile, overrides, findings));

        /// <summary>
        /// Findings for the locked packages. Archives that cannot be found or read are skipped here: the content hash check
        /// already fails the build for them (KL5004/KL5005).
        /// </summary>
        public IReadOnlyList<Finding> Check(LockFileReadResult lockFile, IReadOnlyList<string> packageFolders, ContentHashCache cache, CancellationToken cancellationToken)
        {
            var findings = new List<Finding>();
            findings.AddRange(DenyList.Check(Policy, lockFile.Packages));

            var locator = new PackageLocator(packageFolders);
            var inspector = new PackageInspector(cache);
            var located = new ConcurrentDictionary<LockedPackage, PackageFacts>();
            var options = new ParallelOptions { MaxDegreeOfParallelism = PackageVerifier.DefaultParallelism, CancellationToken = cancellationToken };
            Parallel.ForEach(lockFile.Packages, options, package =>
            {
                var location = locator.Locate(package.Id, package.Version);
                if (location.NupkgPath != null)
                {
                    located[package] = inspector.Inspect(location.NupkgPath, cancellationToken);
                }
            });

            var now = UtcNow();
            var untimed = new List<(LockedPackage, string)>();
            var buildCode = new List<string>();
            foreach (var package in lockFile.Packages)
            {
                if (!located.TryGetValue(package, out var facts) || facts.ReadProblem != null)
                {
                    continue;
                }

                Facts[package] = facts;
                var tooNew = Cooldown.Check(Policy, package, facts, now, out var untimedReason);
                if (tooNew != null)
                {
                    findings.Add(tooNew);
                }
                else if (untimedReason != null)
                {
                    untimed.Add((package, untimedReason));
                }

                var notAllowed = BuildCodeGate.Check(Policy, package, facts, buildCode);
                if (notAllowed != null)
                {
                    findings.Add(notAllowed);
                }
            }

            var cooldownSummary = Cooldown.Summary(Policy, untimed);
            if (cooldownSummary != null)
            {
                _summary.Add((MessageImportance.High, cooldownSummary));
            }

            // A plain build prints one KeyLock line when all is well: the build-code inventory is shown at normal
            // verbosity (-v:n), and in a plain build only when some package's build-time code is not allowed.
            var buildCodeSummary = BuildCodeGate.Summary(buildCode);
            if (buildCodeSummary != null)
            {
                var anyNotAllowed = findings.Any(f => f.Code == KeyLockCodes.BuildCodeNotAllowed);
                _summary.Add((anyNotAllowed ? MessageImportance.High : MessageImportance.Normal, buildCodeSummary));
            }

            return findings;
        }

        /// <summary>
        /// Writes the CycloneDX SBOM to <paramref name="output"/> (relative to the project) when set and when verification
        /// found no errors: an SBOM describes the verified graph, never one that failed. A write failure is KL8001.
        /// </summary>
        public void WriteSbom(string? output, string projectDirectory, string projectName, LockFileReadResult lockFile, FindingReporter reporter, TaskLoggingHelper log)
        {
            if (string.IsNullOrWhiteSpace(output))
            {
                return;
            }

            var path = Path.GetFullPath(Path.Combine(projectDirectory, output!.Trim()));
            if (reporter.ErrorCount > 0)
            {
                log.LogMessage(MessageImportance.High, $"KeyLock: SBOM not written to {path}: package verification failed.");
                return;
            }

            try
            {
                CycloneDxWriter.WriteFile(path, new CycloneDxWriter.Input
                {
                    ProjectName = projectName,
                    Packages = lockFile.Packages,
                    LockFile = lockFile.LockFile,
                    Facts = Facts,
                });
                log.LogMessage(MessageImportance.High, $"KeyLock: wrote CycloneDX {CycloneDxWriter.SpecVersion} SBOM of {lockFile.Packages.Count} packages to {path}");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                reporter.Report(PolicyFindings.SbomWriteFailed(path, ex));
            }
        }

        /// <summary>Lines for the build log after the findings: where the policy came from, what the checks could not cover.</summary>
        public IEnumerable<(MessageImportance Importance, string Text)> SummaryLines()
        {
            yield return (
                MessageImportance.Low,
                Policy.FilePath == null
                    ? $"KeyLock: no {KeyLockPolicy.FileName} found above the project; default policy."
                    : $"KeyLock: policy from {Policy.FilePath}.");
            foreach (var line in _summary)
            {
                yield return line;
            }
        }
    }

    /// <summary>KL5020: a locked package whose version is in a deny-list range.</summary>
    internal static class DenyList
    {
        public static IReadOnlyList<Finding> Check(KeyLockPolicy policy, IReadOnlyList<LockedPackage> packages)
        {
            if (policy.Deny.Count == 0)
            {
                return Array.Empty<Finding>();
            }

            var findings = new List<Finding>();
            foreach (var package in packages)
            {
                foreach (var rule in policy.Deny)
                {
                    if (rule.Matches(package.Id, package.Version))
                    {
                        findings.Add(PolicyFindings.Denied(package, rule));
                        break;
                    }
                }
            }

            return findings;
        }
    }
}
