using System;
using System.Collections.Generic;
using KeyLock.Tasks.Reporting;
using NuGet.Versioning;

namespace KeyLock.Tasks.Policy
{
    /// <summary>What to do about packages that bring code which runs during the build or in the compiler.</summary>
    internal enum BuildCodeMode
    {
        Warn,
        Error,
        Off,
    }

    /// <summary>One deny-list entry: a package id, the versions it covers and why.</summary>
    internal sealed class DenyRule
    {
        public DenyRule(string id, VersionRange versions, string versionsText, string reason, SourceLocation location)
        {
            Id = id;
            Versions = versions;
            VersionsText = versionsText;
            Reason = reason;
            Location = location;
        }

        public string Id { get; }

        public VersionRange Versions { get; }

        /// <summary>The range as written in keylock.json ("*" when "versions" was left out).</summary>
        public string VersionsText { get; }

        public string Reason { get; }

        /// <summary>Where the rule is written in keylock.json.</summary>
        public SourceLocation Location { get; }

        public bool Matches(string packageId, NuGetVersion version) =>
            string.Equals(packageId, Id, StringComparison.OrdinalIgnoreCase) && Versions.Satisfies(version);
    }

    /// <summary>
    /// The supply-chain policy for one project: keylock.json (found by walking up from the project directory) with the
    /// MSBuild properties laid over it. Every setting has a safe default, so no file means: no deny list, no cooldown,
    /// build-time code reported as warnings.
    /// </summary>
    internal sealed class KeyLockPolicy
    {
        public const string FileName = "keylock.json";

        /// <summary>Packages whose build-time code is always allowed: KeyLock's own props, targets and analyzers.</summary>
        internal static readonly IReadOnlyList<string> BuiltInBuildCodeAllowances = new[] { "KeyLock" };

        /// <summary>Id prefixes allowed when the package also carries a Microsoft author signature.</summary>
        internal static readonly IReadOnlyList<string> MicrosoftPrefixes = new[] { "Microsoft.", "System." };

        public static KeyLockPolicy Default { get; } = new KeyLockPolicy();

        /// <summary>The keylock.json that was read; null when there is none.</summary>
        public string? FilePath { get; set; }

        /// <summary>0 turns the cooldown off.</summary>
        public double MinimumPackageAgeDays { get; set; }

        /// <summary>Where the minimum age came from, for messages: "keylock.json" or the MSBuild property.</summary>
        public string MinimumPackageAgeSource { get; set; } = "default";

        public List<PackagePattern> CooldownExceptions { get; } = new List<PackagePattern>();

        public List<DenyRule> Deny { get; } = new List<DenyRule>();

        public BuildCodeMode BuildCode { get; set; } = BuildCodeMode.Warn;

        public string BuildCodeSource { get; set; } = "default";

        public List<PackagePattern> BuildCodeAllow { get; } = new List<PackagePattern>();

        public bool CooldownEnabled => MinimumPackageAgeDays > 0;

        public TimeSpan MinimumPackageAge => TimeSpan.FromDays(MinimumPackageAgeDays);
    }
}
