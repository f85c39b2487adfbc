using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using KeyLock.Tasks.Signing;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using HashAlgorithmName = NuGet.Common.HashAlgorithmName;

namespace KeyLock.Tasks.Inspection
{
    /// <summary>
    /// Reads <see cref="PackageFacts"/> from cached archives, offline. Results are kept with the build's
    /// <see cref="ContentHashCache"/>, keyed by the archive's stamp, so a solution reads each package once, and facts of
    /// settled archives are saved in the verdict cache, so a later build reads only the archives that changed.
    /// </summary>
    internal sealed class PackageInspector
    {
        private static readonly string[] BuildFolders = { "build/", "buildTransitive/", "buildMultiTargeting/" };

        private readonly ContentHashCache _cache;

        /// <summary>An inspector whose facts live in <paramref name="cache"/> (the build's, so every project shares them).</summary>
        public PackageInspector(ContentHashCache cache)
        {
            _cache = cache;
        }

        public PackageFacts Inspect(string nupkgPath, CancellationToken cancellationToken)
        {
            var before = FileStamp.Of(nupkgPath);
            if (_cache.TryGetFacts(before, out var known))
            {
                return known;
            }

            var facts = Read(nupkgPath, cancellationToken);
            _cache.AddFacts(before, facts, durable: FileStamp.Of(nupkgPath).Equals(before));
            return facts;
        }

        internal static PackageFacts Read(string nupkgPath, CancellationToken cancellationToken)
        {
            var facts = new PackageFacts();
            try
            {
                using (var stream = new FileStream(nupkgPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
                using (var reader = new PackageArchiveReader(stream, leaveStreamOpen: false))
                {
                    ReadFiles(reader, facts);
                    ReadLicense(reader, facts);
                    ReadSignature(reader, facts, cancellationToken);
                }
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                facts.ReadProblem = Findings.Describe(ex);
                facts.NoPublicationTimeReason ??= "archive unreadable";
            }

            return facts;
        }

        private static void ReadFiles(PackageArchiveReader reader, PackageFacts facts)
        {
            var files = reader.GetFiles().Select(f => f.Replace('\\', '/')).ToList();
            facts.BuildFiles = files
                .Where(f => BuildFolders.Any(b => f.StartsWith(b, StringComparison.OrdinalIgnoreCase)))
                .Where(f => f.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".targets", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            facts.AnalyzerFiles = files
                .Where(f => f.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase) && f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            facts.ToolScripts = files
                .Where(f => f.StartsWith("tools/", StringComparison.OrdinalIgnoreCase) && f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }

        private static void ReadLicense(PackageArchiveReader reader, PackageFacts facts)
        {
            try
            {
                var nuspec = reader.NuspecReader;
                var license = nuspec.GetLicenseMetadata();
                if (license != null && license.Type == LicenseType.Expression)
                {
                    facts.LicenseExpression = license.License;
                }
                else if (license != null && license.Type == LicenseType.File)
                {
                    facts.LicenseFile = license.License;
                }

                var url = nuspec.GetLicenseUrl();
                facts.LicenseUrl = string.IsNullOrWhiteSpace(url) ? null : url!.Trim();
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // Licence metadata is informational (SBOM only): a nuspec NuGet cannot parse it from must not fail the build here.
                facts.LicenseExpression = null;
                facts.LicenseFile = null;
            }
        }

        private static void ReadSignature(PackageArchiveReader reader, PackageFacts facts, CancellationToken cancellationToken)
        {
            PrimarySignature? primary;
            try
            {
                primary = reader.IsSignedAsync(cancellationToken).GetAwaiter().GetResult()
                    ? reader.GetPrimarySignatureAsync(cancellationToken).GetAwaiter().GetResult()
                    : null;
            }
            catch (Exception ex) when (ex is SignatureException || ex is System.Security.Cryptography.CryptographicException)
            {
                // KL6002 reports a signature that does not parse; here it only means "no trusted publication time".
                facts.NoPublicationTimeReason = "signature unreadable (" + ex.Message.TrimEnd('.') + ")";
                return;
            }

            if (primary == null)
            {
                facts.NoPublicationTimeReason = "unsigned";
                return;
            }

            if (primary.Type == SignatureType.Author)
            {
                var subject = primary.SignerInfo.Certificate?.Subject;
                facts.AuthorSigner = subject;
                facts.MicrosoftAuthorSigned = subject != null && subject.IndexOf("O=Microsoft Corporation", StringComparison.Ordinal) >= 0;
            }

            Signature? repository;
            try
            {
                repository = primary.Type == SignatureType.Repository
                    ? primary
                    : RepositoryCountersignature.GetRepositoryCountersignature(primary);
            }
            catch (Exception ex) when (ex is SignatureException || ex is System.Security.Cryptography.CryptographicException)
            {
                facts.NoPublicationTimeReason = "repository countersignature unreadable (" + ex.Message.TrimEnd('.') + ")";
                return;
            }

            if (repository == null)
            {
                facts.NoPublicationTimeReason = "no repository signature";
                return;
            }

            var serviceIndex = (repository as IRepositorySignature)?.V3ServiceIndexUrl?.ToString();
            facts.RepositorySigner = serviceIndex ?? repository.SignerInfo.Certificate?.Subject;
            if (!IsNuGetOrgRepositorySignature(repository, serviceIndex))
            {
                facts.NoPublicationTimeReason = "repository signature is not nuget.org's (" + (facts.RepositorySigner ?? "unknown repository") + ")";
                return;
            }

            var timestamp = repository.Timestamps.FirstOrDefault();
            if (timestamp == null)
            {
                facts.NoPublicationTimeReason = "nuget.org repository signature has no timestamp";
                return;
            }

            facts.PublishedAt = timestamp.GeneralizedTime;
        }

        /// <summary>
        /// Only nuget.org's timestamp is a publication time KeyLock trusts: a private feed's repository signature can be made
        /// with any time by whoever runs the feed. The KL6xxx signature check verifies the signature and its timestamp.
        /// </summary>
        private static bool IsNuGetOrgRepositorySignature(Signature repository, string? serviceIndex)
        {
            var certificate = repository.SignerInfo.Certificate;
            if (certificate == null || !SignaturePolicy.IsNuGetOrg(serviceIndex))
            {
                return false;
            }

            var fingerprint = CertificateUtility.GetHashString(certificate, HashAlgorithmName.SHA256);
            return SignaturePolicy.NuGetOrgRepositoryFingerprints.Contains(fingerprint, StringComparer.OrdinalIgnoreCase);
        }

        private static bool IsUnreadable(Exception ex) =>
            ex is InvalidDataException
            || ex is IOException
            || ex is UnauthorizedAccessException
            || ex is SignatureException
            || ex is PackagingException
            || ex is NotSupportedException
            || ex is ArgumentOutOfRangeException;
    }
}
