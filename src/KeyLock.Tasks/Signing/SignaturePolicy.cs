using System;
using System.Collections.Generic;
using System.Linq;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging.Signing;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// The signature policy applied to cached packages: nuget.config's signatureValidationMode and trustedSigners (which
    /// NuGet itself applies only when it downloads a package), plus KeyLock's default rule that a package restored from
    /// nuget.org carries nuget.org's repository signature. Read once per task run; no network.
    /// </summary>
    internal sealed class SignaturePolicy
    {
        /// <summary>SHA-256 fingerprints of nuget.org's repository signing certificates (current and previous ones).</summary>
        internal static readonly IReadOnlyCollection<string> NuGetOrgRepositoryFingerprints = new[]
        {
            "1F4B311D9ACC115C8DC8018B5A49E00FCE6DA8E2855F9F014CA6F34570BC482D",
            "5A2901D6ADA3D18260B9C6DFE2133C95D74B9EEF6AE0E5DC334C8454D1477DF4",
            "0E5F38F57DC1BCC806D8494F4F90FBCEDD988B46760709CBEEC6F4219AA6157D",
        };

        private static readonly string[] NuGetOrgHosts = { "api.nuget.org", "www.nuget.org", "nuget.org" };

        public SignaturePolicy(bool requireSignatures, IReadOnlyCollection<TrustedSignerAllowListEntry> allowList, string configDescription)
            : this(requireSignatures, allowList, configDescription, Array.Empty<string>(), Array.Empty<string>())
        {
        }

        /// <summary>A policy and where it came from (<see cref="Load"/>, or <see cref="SignaturePolicyMemo"/> remembering one).</summary>
        internal SignaturePolicy(
            bool requireSignatures,
            IReadOnlyCollection<TrustedSignerAllowListEntry> allowList,
            string configDescription,
            IReadOnlyList<string> configFiles,
            IReadOnlyList<string> configFolders)
        {
            RequireSignatures = requireSignatures;
            AllowList = allowList;
            ConfigDescription = configDescription;
            ConfigFiles = configFiles;
            ConfigFolders = configFolders;
            Key = (requireSignatures ? "require" : "accept") + "|" +
                string.Join(",", allowList.Select(e => $"{e.Target}:{e.Placement}:{e.FingerprintAlgorithm}:{e.Fingerprint}:{e.AllowUntrustedRoot}:{string.Join(";", e.Owners ?? Array.Empty<string>())}"));
        }

        /// <summary>nuget.config signatureValidationMode=require: every package must be signed and match trustedSigners.</summary>
        public bool RequireSignatures { get; }

        public IReadOnlyCollection<TrustedSignerAllowListEntry> AllowList { get; }

        /// <summary>Where the policy came from, for messages.</summary>
        public string ConfigDescription { get; }

        /// <summary>Everything a verdict depends on besides the package bytes, for the per-build cache.</summary>
        public string Key { get; }

        /// <summary>The nuget.config files the policy was read from.</summary>
        public IReadOnlyList<string> ConfigFiles { get; }

        /// <summary>Folders NuGet lists for user-wide and machine-wide config files (whatever appears there changes the policy).</summary>
        public IReadOnlyList<string> ConfigFolders { get; }

        /// <summary>Loads nuget.config the way restore does (project directory upwards, user and machine-wide files).</summary>
        public static SignaturePolicy Load(string projectDirectory, string? configFile) =>
            Load(projectDirectory, configFile, NuGetConfigFolders());

        /// <summary>The same, with <see cref="NuGetConfigFolders"/> already looked up by the caller.</summary>
        internal static SignaturePolicy Load(string projectDirectory, string? configFile, IReadOnlyList<string> configFolders)
        {
            var settings = Settings.LoadDefaultSettings(
                projectDirectory,
                string.IsNullOrWhiteSpace(configFile) ? null : configFile,
                new XPlatMachineWideSetting());
            var context = ClientPolicyContext.GetClientPolicy(settings, NullLogger.Instance);
            var files = settings.GetConfigFilePaths();
            var description = files.Count == 0 ? "no nuget.config" : string.Join(", ", files);
            return new SignaturePolicy(
                context.Policy == SignatureValidationMode.Require,
                context.AllowList ?? (IReadOnlyCollection<TrustedSignerAllowListEntry>)Array.Empty<TrustedSignerAllowListEntry>(),
                description,
                files.ToList(),
                configFolders);
        }

        /// <summary>The user-wide folder, its config subfolder and the machine-wide folder NuGet reads config files from here.</summary>
        public static IReadOnlyList<string> NuGetConfigFolders()
        {
            var userFolder = NuGetEnvironment.GetFolderPath(NuGetFolderPath.UserSettingsDirectory);
            return new[]
            {
                userFolder,
                System.IO.Path.Combine(userFolder, "config"),
                NuGetEnvironment.GetFolderPath(NuGetFolderPath.MachineWideConfigDirectory),
            };
        }

        public static bool IsNuGetOrg(string? source)
        {
            if (string.IsNullOrWhiteSpace(source) || !Uri.TryCreate(source, UriKind.Absolute, out var uri))
            {
                return false;
            }

            return (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && NuGetOrgHosts.Any(h => string.Equals(uri.Host, h, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// What a signed package is checked against. Packages from nuget.org and every package in require mode get NuGet's
        /// strict settings (a broken or untrusted chain fails); other signed packages get accept-mode settings, where an
        /// untrusted chain is allowed but integrity must hold and a signature that cannot be parsed is never accepted
        /// (stricter than NuGet's accept mode). Revocation is always offline, and unknown revocation status never fails.
        /// </summary>
        public SignedPackageVerifierSettings VerifierSettings(bool strict) =>
            new SignedPackageVerifierSettings(
                allowUnsigned: !strict,
                allowIllegal: false,
                allowUntrusted: !strict,
                allowIgnoreTimestamp: true,
                allowMultipleTimestamps: true,
                allowNoTimestamp: true,
                allowUnknownRevocation: true,
                reportUnknownRevocation: false,
                verificationTarget: VerificationTarget.All,
                signaturePlacement: SignaturePlacement.Any,
                repositoryCountersignatureVerificationBehavior: SignatureVerificationBehavior.IfExistsAndIsNecessary,
                revocationMode: RevocationMode.Offline);

        /// <summary>Repository certificates trustedSigners lists (any repository), accepted in place of nuget.org's own.</summary>
        public IEnumerable<TrustedSignerAllowListEntry> RepositoryEntries =>
            AllowList.Where(e => e.Target.HasFlag(VerificationTarget.Repository));
    }
}
