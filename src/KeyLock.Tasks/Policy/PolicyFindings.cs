using System;
using System.Globalization;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Policy
{
    /// <summary>The text of the supply-chain policy findings (keylock.json, deny list, cooldown, build-time code, SBOM).</summary>
    internal static class PolicyFindings
    {
        private const string OptOut =
            "To build without package verification, set <KeyLockVerifyPackages>false</KeyLockVerifyPackages>.";

        public static Finding Invalid(string policyFile, int line, int column, string reason) =>
            new Finding(
                KeyLockCodes.PolicyInvalid,
                new SourceLocation(policyFile, line, column),
                $"KeyLock policy '{policyFile}' is invalid: {reason} KeyLock fails closed rather than guess what the policy meant. " +
                "Fix the file (docs/keylock.schema.json describes it; editors validate against it through \"$schema\"). " + OptOut);

        public static Finding PolicyFileMissing(string projectFile, string policyFile) =>
            new Finding(
                KeyLockCodes.PolicyInvalid,
                SourceLocation.InFile(projectFile),
                $"KeyLockPolicyFile points at '{policyFile}', which does not exist. Fix the property or create the file; " +
                "without it the policy would silently be empty. " + OptOut);

        public static Finding Denied(LockedPackage package, DenyRule rule) =>
            new Finding(
                KeyLockCodes.PackageDenied,
                package.Location,
                $"{package.DisplayName} is on the deny list: \"{rule.Reason}\" (rule for {rule.Id} {rule.VersionsText} at " +
                $"{rule.Location.File}({rule.Location.Line},{rule.Location.Column})). The lock file pins a version your policy forbids. " +
                $"Move to a version outside {rule.VersionsText} (change the PackageReference, or the reference that brings it in " +
                "transitively, then run 'dotnet restore --force-evaluate' and review the lock file), or remove the rule if it no longer applies.");

        public static Finding TooNew(LockedPackage package, DateTimeOffset publishedAt, DateTimeOffset now, KeyLockPolicy policy)
        {
            var acceptableAt = publishedAt + policy.MinimumPackageAge;
            var setting = policy.MinimumPackageAgeSource == KeyLockPolicy.FileName
                ? $"minimumPackageAgeDays in {policy.FilePath}"
                : policy.MinimumPackageAgeSource;
            return new Finding(
                KeyLockCodes.PackageTooNew,
                package.Location,
                $"{package.DisplayName} was published on nuget.org at {Time(publishedAt)} (repository signature timestamp), " +
                $"{Age(now - publishedAt)} ago; policy requires packages to be at least {Days(policy.MinimumPackageAgeDays)} old ({setting}). " +
                $"It becomes acceptable at {Time(acceptableAt)}. Fresh releases are when hijacked packages do their damage (a malicious " +
                "version is usually found and removed within days): stay on the previous version until then, or, once you have reviewed " +
                $"this release, add \"{package.Id}\" to \"cooldownExceptions\" in keylock.json.");
        }

        public static Finding BuildCodeNotAllowed(LockedPackage package, string whatItBrings) =>
            new Finding(
                KeyLockCodes.BuildCodeNotAllowed,
                package.Location,
                $"{package.DisplayName} brings code that runs during the build: {whatItBrings}. Build-time code runs with the " +
                "developer's or CI agent's credentials on every build, before any test, and a hijacked release uses exactly this to " +
                $"steal keys. Review what it does, then allow it in keylock.json (\"buildCode\": {{ \"allow\": [ \"{package.Id}\" ] }}), " +
                "or remove the package. <KeyLockBuildCodePolicy>error</KeyLockBuildCodePolicy> fails the build before compile; off turns the check off.");

        public static Finding SbomWriteFailed(string path, Exception error) =>
            new Finding(
                KeyLockCodes.SbomWriteFailed,
                SourceLocation.InFile(path),
                $"KeyLock could not write the SBOM to '{path}': {Findings.Describe(error)} KeyLockSbomOutput asks for an SBOM of the " +
                "verified packages, so the build fails rather than leave it missing or stale. Point KeyLockSbomOutput at a writable " +
                "file (relative paths are relative to the project), or remove the property.");

        internal static string Time(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        private static string Days(double days) =>
            days.ToString("0.###", CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");

        private static string Age(TimeSpan age)
        {
            if (age < TimeSpan.Zero)
            {
                return "in the future by " + Age(-age).Replace(" ago", string.Empty);
            }

            return age.TotalDays >= 1
                ? Days(Math.Floor(age.TotalDays * 10) / 10)
                : age.TotalHours >= 1
                    ? ((int)age.TotalHours).ToString(CultureInfo.InvariantCulture) + " hours"
                    : ((int)age.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " minutes";
        }
    }
}
