using System;
using System.Collections.Generic;
using System.Threading;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace KeyLock.Tasks.Policy
{
    /// <summary>
    /// The supply-chain policy checks that run next to the integrity checks: keylock.json and its MSBuild overrides,
    /// the deny list (KL5020). Everything is read offline from the lock file and the cached packages.
    /// </summary>
    internal sealed class SupplyChainChecks
    {
        private SupplyChainChecks(KeyLockPolicy policy)
        {
            Policy = policy;
        }

        public KeyLockPolicy Policy { get; }

        /// <summary>Reads the policy; its problems (KL9020, KL9003) go to <paramref name="findings"/>.</summary>
        public static SupplyChainChecks Load(string projectDirectory, string projectFile, PolicyLoader.Overrides overrides, List<Finding> findings) =>
            new SupplyChainChecks(PolicyLoader.Load(projectDirectory, projectFile, overrides, findings));

        /// <summary>Findings for the locked packages.</summary>
        public IReadOnlyList<Finding> Check(LockFileReadResult lockFile, CancellationToken cancellationToken)
        {
            var findings = new List<Finding>();
            findings.AddRange(DenyList.Check(Policy, lockFile.Packages));
            cancellationToken.ThrowIfCancellationRequested();
            return findings;
        }

        /// <summary>Lines for the build log after the findings: where the policy came from.</summary>
        public void Summarize(TaskLoggingHelper log)
        {
            log.LogMessage(
                MessageImportance.Low,
                Policy.FilePath == null
                    ? $"KeyLock: no {KeyLockPolicy.FileName} found above the project; default policy."
                    : $"KeyLock: policy from {Policy.FilePath}.");
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
