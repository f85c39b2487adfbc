using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using KeyLock.Tasks.Inspection;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// KL6001-KL6003: re-runs NuGet's own signature verification (integrity, chain and timestamp validity, trustedSigners)
    /// on the cached package, offline, then applies the nuget.org rule: to packages restored from nuget.org, and to those
    /// whose claimed source this restore does not use while it does use nuget.org (<see cref="RestoreSources"/>). Runs
    /// after the content hash check, so the signed content is the pinned content; the signature itself is outside the
    /// content hash, which is why it needs its own check.
    /// </summary>
    internal sealed class SignatureCheck : IPackageCheck
    {
        private static readonly IReadOnlyList<Finding> Passed = Array.Empty<Finding>();

        private readonly SignaturePolicy _policy;
        private readonly ContentHashCache _cache;
        private readonly RestoreSources _sources;
        private readonly PackageInspector _inspector;

        public SignatureCheck(SignaturePolicy policy, ContentHashCache cache, RestoreSources sources)
        {
            _policy = policy;
            _cache = cache;
            _sources = sources;
            _inspector = new PackageInspector(cache);
        }

        public IReadOnlyList<Finding> Check(LockedPackage package, string nupkgPath, CancellationToken cancellationToken)
        {
            var source = ClaimedSource.Read(Path.Combine(Path.GetDirectoryName(nupkgPath)!, ".nupkg.metadata"));
            var origin = SignaturePolicy.IsNuGetOrg(source) ? NuGetOrgRule.FromNuGetOrg
                : _sources.HoldsToNuGetOrgRule(source) ? NuGetOrgRule.UnprovenSource
                : NuGetOrgRule.None;
            var stamp = FileStamp.Of(nupkgPath);
            var cacheKey = VerdictPrefix(stamp) + _policy.Key + "|" + origin + "|" + TrustStore.Identity;
            if (_cache.IsPassed(cacheKey))
            {
                return Passed;
            }

            TrustStore.ApplyToVerifier();
            IReadOnlyList<Finding> findings;
            try
            {
                using (var stream = new FileStream(nupkgPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
                using (var reader = new PackageArchiveReader(stream, leaveStreamOpen: false))
                {
                    var signed = new SignatureOnceReader(reader);
                    findings = Verify(package, nupkgPath, signed, origin, source, cancellationToken);

                    // The supply-chain checks need this archive's files and signature too: read them while it is open.
                    _inspector.Record(nupkgPath, stamp, reader, () => signed.PrimarySignatureOrNull(cancellationToken));
                }
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException || ex is SignatureException)
            {
                return new[] { Findings.SignatureInvalid(package, nupkgPath, Findings.Describe(ex)) };
            }

            if (findings.Count == 0)
            {
                _cache.MarkPassed(cacheKey, stamp.Settled && TrustStore.Identity.Length > 0 && FileStamp.Of(nupkgPath).Equals(stamp));
            }

            return findings;
        }

        /// <summary>
        /// Whether some located archive has no signature verdict at all for its current state (under any policy, claimed
        /// source or trust roots), so this build will run NuGet's verifier on it: a cheap look before the policy is read,
        /// for starting work the verifier will need. False can still mean a verification (the policy changed), never
        /// the reverse.
        /// </summary>
        public static bool SomeVerdictMissing(IEnumerable<LockedPackage> packages, PackageLocator locator, ContentHashCache cache)
        {
            foreach (var package in packages)
            {
                var nupkgPath = locator.Locate(package.Id, package.Version).NupkgPath;
                if (nupkgPath != null && !cache.HasPassedWithPrefix(VerdictPrefix(FileStamp.Of(nupkgPath))))
                {
                    return true;
                }
            }

            return false;
        }

        private static string VerdictPrefix(FileStamp stamp) => "S|" + stamp.Key + "|";

        private IReadOnlyList<Finding> Verify(LockedPackage package, string nupkgPath, SignatureOnceReader reader, NuGetOrgRule origin, string? source, CancellationToken cancellationToken)
        {
            var nuGetOrgRule = origin != NuGetOrgRule.None;
            var signed = reader.IsSignedAsync(cancellationToken).GetAwaiter().GetResult();
            if (!signed)
            {
                if (_policy.RequireSignatures)
                {
                    return new[] { Findings.SignatureRequired(package, nupkgPath) };
                }

                return nuGetOrgRule ? new[] { MissingNuGetOrgSignature(package, nupkgPath, origin, source, unsigned: true) } : Passed;
            }

            var strict = nuGetOrgRule || _policy.RequireSignatures;
            var providers = new List<ISignatureVerificationProvider>
            {
                new IntegrityVerificationProvider(),
                new SignatureTrustAndValidityVerificationProvider(),
            };
            if (_policy.RequireSignatures)
            {
                providers.Add(new AllowListVerificationProvider(
                    _policy.AllowList.Cast<VerificationAllowListEntry>().ToList(),
                    requireNonEmptyAllowList: false,
                    emptyListErrorMessage: "nuget.config sets signatureValidationMode to require but lists no trustedSigners.",
                    noMatchErrorMessage: "The signing certificate does not match any trustedSigners entry in " + _policy.ConfigDescription + "."));
            }

            var verifier = new PackageSignatureVerifier(providers);
            var result = verifier.VerifySignaturesAsync(reader, _policy.VerifierSettings(strict), cancellationToken).GetAwaiter().GetResult();
            if (!result.IsValid)
            {
                return new[] { Classify(package, nupkgPath, result) };
            }

            if (nuGetOrgRule)
            {
                var primary = reader.GetPrimarySignatureAsync(cancellationToken).GetAwaiter().GetResult();
                var problem = NuGetOrgRepositorySignatureProblem(primary, origin == NuGetOrgRule.FromNuGetOrg ? "the package came from nuget.org" : UnprovenSourceText(source), out var missing);
                if (problem != null)
                {
                    return new[]
                    {
                        missing
                            ? MissingNuGetOrgSignature(package, nupkgPath, origin, source, unsigned: false)
                            : Findings.SignerUntrusted(package, nupkgPath, problem),
                    };
                }
            }

            return Passed;
        }

        private static Finding MissingNuGetOrgSignature(LockedPackage package, string nupkgPath, NuGetOrgRule origin, string? source, bool unsigned) =>
            origin == NuGetOrgRule.FromNuGetOrg
                ? Findings.NuGetOrgSignatureMissing(package, nupkgPath, unsigned)
                : Findings.UnprovenSourceSignatureMissing(package, nupkgPath, UnprovenSourceText(source), unsigned);

        private static string UnprovenSourceText(string? source) =>
            (source == null
                ? "its .nupkg.metadata is missing or names no source"
                : $"its .nupkg.metadata names the source '{source}', which this project does not restore from")
            + " while it does restore from nuget.org, so it must carry nuget.org's repository signature";

        private static Finding Classify(LockedPackage package, string nupkgPath, VerifySignaturesResult result)
        {
            var errors = result.Results.SelectMany(r => r.Issues ?? Enumerable.Empty<SignatureLog>()).Where(i => i.Level == LogLevel.Error).ToList();
            var first = errors.FirstOrDefault();
            var text = first == null
                ? "NuGet's verifier rejected the signature without giving a reason."
                : $"{first.Code}: {FirstLine(first.Message)}";

            if (errors.Any(e => e.Code == NuGetLogCode.NU3004))
            {
                return Findings.SignatureRequired(package, nupkgPath);
            }

            if (errors.Any(e => e.Code == NuGetLogCode.NU3034))
            {
                var allowList = errors.First(e => e.Code == NuGetLogCode.NU3034);
                return Findings.SignerUntrusted(package, nupkgPath, $"{allowList.Code}: {FirstLine(allowList.Message)}");
            }

            return Findings.SignatureInvalid(package, nupkgPath, text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".");
        }

        /// <summary>Null when the package carries a nuget.org repository signature or countersignature; otherwise why not.</summary>
        private string? NuGetOrgRepositorySignatureProblem(PrimarySignature? primary, string whyNuGetOrg, out bool missing)
        {
            missing = false;
            if (primary == null)
            {
                missing = true;
                return "no signature";
            }

            Signature? repository = primary.Type == SignatureType.Repository
                ? primary
                : RepositoryCountersignature.GetRepositoryCountersignature(primary);
            if (repository == null)
            {
                missing = true;
                return "no repository signature";
            }

            var certificate = repository.SignerInfo.Certificate;
            if (certificate == null)
            {
                return "the repository signature has no signing certificate.";
            }

            foreach (var entry in _policy.RepositoryEntries)
            {
                if (string.Equals(CertificateUtility.GetHashString(certificate, entry.FingerprintAlgorithm), entry.Fingerprint, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }

            var fingerprint = CertificateUtility.GetHashString(certificate, HashAlgorithmName.SHA256);
            var serviceIndex = (repository as IRepositorySignature)?.V3ServiceIndexUrl?.ToString();
            if (SignaturePolicy.IsNuGetOrg(serviceIndex)
                && SignaturePolicy.NuGetOrgRepositoryFingerprints.Contains(fingerprint, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            return $"{whyNuGetOrg}, but its repository signature is from '{serviceIndex ?? "an unknown repository"}' " +
                $"with certificate SHA-256 {fingerprint.Substring(0, 16)}…, which is not one of nuget.org's repository certificates " +
                "(add the certificate to trustedSigners in nuget.config if you trust it).";
        }

        private static string FirstLine(string message)
        {
            var line = (message ?? string.Empty).Split('\n')[0].Trim();
            return line.Length == 0 ? "(no message)" : line;
        }
    }

    /// <summary>Why, if at all, a package must carry nuget.org's repository signature.</summary>
    internal enum NuGetOrgRule
    {
        /// <summary>
        /// Not from nuget.org and not held to its rule: the metadata names another source this restore uses, or the restore
        /// does not use nuget.org, or its sources are unknown.
        /// </summary>
        None,

        /// <summary>Restored from nuget.org, which signs every package.</summary>
        FromNuGetOrg,

        /// <summary>Its metadata names no source or one this restore does not use, while the restore does use nuget.org.</summary>
        UnprovenSource,
    }
}
