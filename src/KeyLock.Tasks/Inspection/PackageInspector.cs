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
            Keep(nupkgPath, before, facts);
            return facts;
        }

        /// <summary>
        /// Keeps the facts of an archive the signature check has open, taken from the signature it verified
        /// (<paramref name="primarySignature"/>, null when unsigned), so a build that verifies a signature reads that
        /// archive's file list, nuspec and signature once; <paramref name="before"/> is the stamp taken before it was
        /// opened. Never throws for a bad archive or signature, so recording cannot change the signature check's verdict:
        /// such an archive is left to <see cref="Inspect"/>, which says why.
        /// </summary>
        public void Record(string nupkgPath, FileStamp before, PackageArchiveReader reader, Func<PrimarySignature?> primarySignature)
        {
            if (_cache.TryGetFacts(before, out _))
            {
                return;
            }

            var facts = new PackageFacts();
            try
            {
                ReadFiles(reader, facts);
                ReadLicense(reader, facts);
                Describe(primarySignature(), facts);
            }
            catch (Exception ex) when (IsUnreadable(ex) || ex is System.Security.Cryptography.CryptographicException)
            {
                return;
            }

            Keep(nupkgPath, before, facts);
        }

        // Facts outlive the build only when the archive kept its stamp while they were read.
        private void Keep(string nupkgPath, FileStamp before, PackageFacts facts) =>
            _cache.AddFacts(before, facts, durable: FileStamp.Of(nupkgPath).Equals(before));

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

        /// <remarks>
        /// The nuspec's &lt;license&gt; element is read as written, not through NuGet's SPDX parser: the SBOM quotes the
        /// expression as the package states it, and setting that parser up (its licence tables) cost more than the rest of
        /// reading the package's facts.
        /// </remarks>
        private static void ReadLicense(PackageArchiveReader reader, PackageFacts facts)
        {
            try
            {
                var nuspec = reader.NuspecReader;
                var license = nuspec.Xml.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")
                    ?.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
                var value = license?.Value.Trim();
                if (!string.IsNullOrEmpty(value))
                {
                    var type = license!.Attribute("type")?.Value.Trim();
                    if (string.Equals(type, "expression", StringComparison.OrdinalIgnoreCase))
                    {
                        facts.LicenseExpression = value;
                    }
                    else if (string.Equals(type, "file", StringComparison.OrdinalIgnoreCase))
                    {
                        facts.LicenseFile = value;
                    }
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

            Describe(primary, facts);
        }

        private static void Describe(PrimarySignature? primary, PackageFacts facts)
        {
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
