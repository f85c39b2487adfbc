using System;
using System.Collections.Generic;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Policy
{
    /// <summary>
    /// KL6020: a package nuget.org published less than minimumPackageAgeDays ago. The publication time is the RFC 3161
    /// timestamp of nuget.org's repository signature, read offline from the cached .nupkg. Packages without one (unsigned
    /// packages from a private feed, another repository's signature) are not held back; they are listed in the summary.
    /// </summary>
    internal static class Cooldown
    {
        public static Finding? Check(KeyLockPolicy policy, LockedPackage package, PackageFacts facts, DateTimeOffset now, out string? untimedReason)
        {
            untimedReason = null;
            if (!policy.CooldownEnabled || PackagePattern.FirstMatch(policy.CooldownExceptions, package.Id) != null)
            {
                return null;
            }

            if (facts.PublishedAt == null)
            {
                untimedReason = facts.NoPublicationTimeReason ?? "no publication time";
                return null;
            }

            var published = facts.PublishedAt.Value;
            return now - published < policy.MinimumPackageAge
                ? PolicyFindings.TooNew(package, published, now, policy)
                : null;
        }

        /// <summary>The summary line for packages the cooldown could not date; null when there are none.</summary>
        public static string? Summary(KeyLockPolicy policy, IReadOnlyList<(LockedPackage Package, string Reason)> untimed)
        {
            if (!policy.CooldownEnabled || untimed.Count == 0)
            {
                return null;
            }

            var list = new List<string>();
            foreach (var (package, reason) in untimed)
            {
                list.Add($"{package.DisplayName} ({reason})");
            }

            return $"KeyLock: cooldown of {policy.MinimumPackageAgeDays.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} days " +
                $"not applied to {untimed.Count} package(s) without a trusted nuget.org publication time: {string.Join(", ", list)}.";
        }
    }
}
