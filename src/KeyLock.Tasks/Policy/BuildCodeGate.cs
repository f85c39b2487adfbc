using System;
using System.Collections.Generic;
using System.Linq;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Policy
{
    /// <summary>
    /// KL7001: packages that bring code which runs during the build or inside the compiler (build/, buildTransitive/ and
    /// buildMultiTargeting/ props and targets, analyzers and source generators, tools/*.ps1) and that policy does not allow.
    /// Allowed without configuration: KeyLock itself, and Microsoft./System. packages that carry a Microsoft author signature.
    /// </summary>
    internal static class BuildCodeGate
    {
        /// <summary>Why the package's build-time code is allowed, or null when it is not.</summary>
        public static string? Allowance(KeyLockPolicy policy, string packageId, PackageFacts facts)
        {
            if (KeyLockPolicy.BuiltInBuildCodeAllowances.Any(id => string.Equals(id, packageId, StringComparison.OrdinalIgnoreCase)))
            {
                return "KeyLock itself";
            }

            var pattern = PackagePattern.FirstMatch(policy.BuildCodeAllow, packageId);
            if (pattern != null)
            {
                return $"allowed by \"{pattern.Text}\"";
            }

            if (facts.MicrosoftAuthorSigned && KeyLockPolicy.MicrosoftPrefixes.Any(p => packageId.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                return "Microsoft-signed";
            }

            return null;
        }

        public static Finding? Check(KeyLockPolicy policy, LockedPackage package, PackageFacts facts, List<string> summary)
        {
            if (policy.BuildCode == BuildCodeMode.Off || !facts.HasBuildCode)
            {
                return null;
            }

            var allowance = Allowance(policy, package.Id, facts);
            summary.Add($"{package.DisplayName} ({Counts(facts)}; {allowance ?? "not allowed"})");
            return allowance == null ? PolicyFindings.BuildCodeNotAllowed(package, Describe(facts)) : null;
        }

        public static string? Summary(IReadOnlyList<string> entries) =>
            entries.Count == 0 ? null : $"KeyLock: build-time code in the package graph: {string.Join(", ", entries)}.";

        private static string Counts(PackageFacts facts)
        {
            var parts = new List<string>();
            if (facts.BuildFiles.Count > 0)
            {
                parts.Add(facts.BuildFiles.Count + " props/targets");
            }

            if (facts.AnalyzerFiles.Count > 0)
            {
                parts.Add(facts.AnalyzerFiles.Count + " analyzer/generator assemblies");
            }

            if (facts.ToolScripts.Count > 0)
            {
                parts.Add(facts.ToolScripts.Count + " PowerShell scripts");
            }

            return string.Join(", ", parts);
        }

        /// <summary>What the package brings, for the message: up to a few files per kind.</summary>
        internal static string Describe(PackageFacts facts)
        {
            var parts = new List<string>();
            if (facts.BuildFiles.Count > 0)
            {
                parts.Add("MSBuild props/targets imported into every build (" + List(facts.BuildFiles) + ")");
            }

            if (facts.AnalyzerFiles.Count > 0)
            {
                parts.Add("analyzers or source generators loaded into the compiler (" + List(facts.AnalyzerFiles) + ")");
            }

            if (facts.ToolScripts.Count > 0)
            {
                parts.Add("PowerShell scripts Visual Studio runs (" + List(facts.ToolScripts) + ")");
            }

            return string.Join("; ", parts);
        }

        private static string List(IReadOnlyList<string> files)
        {
            const int Shown = 4;
            var shown = string.Join(", ", files.Take(Shown));
            return files.Count > Shown ? $"{shown} and {files.Count - Shown} more" : shown;
        }
    }
}
