using System;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// Hands NuGet's verifier a package whose primary signature is decoded once and kept: the nuget.org rule and the
    /// package's facts (<see cref="Inspection.PackageInspector.Record"/>) then read the very signature object the verifier
    /// checked, instead of decoding the CMS blob, its certificates and timestamps again for each.
    /// </summary>
    internal sealed class SignatureOnceReader : ISignedPackageReader
    {
        private readonly PackageArchiveReader _archive;
        private PrimarySignature? _primary;
        private bool _read;

        public SignatureOnceReader(PackageArchiveReader archive)
        {
            _archive = archive;
        }

        /// <summary>The package's primary signature (the one the verifier read, when it did), or null when unsigned.</summary>
        public PrimarySignature? PrimarySignatureOrNull(CancellationToken token) =>
            IsSignedAsync(token).GetAwaiter().GetResult() ? GetPrimarySignatureAsync(token).GetAwaiter().GetResult() : null;

        public async Task<PrimarySignature?> GetPrimarySignatureAsync(CancellationToken token)
        {
            // A failed read is not kept: the next caller meets the same exception from NuGet.
            if (!_read)
            {
                _primary = await _archive.GetPrimarySignatureAsync(token).ConfigureAwait(false);
                _read = true;
            }

            return _primary;
        }

        public Task<bool> IsSignedAsync(CancellationToken token) => _archive.IsSignedAsync(token);

        public Task<byte[]> GetArchiveHashAsync(HashAlgorithmName hashAlgorithm, CancellationToken token) =>
            _archive.GetArchiveHashAsync(hashAlgorithm, token);

        public Task ValidateIntegrityAsync(SignatureContent signatureContent, CancellationToken token) =>
            _archive.ValidateIntegrityAsync(signatureContent, token);

        public string GetContentHash(CancellationToken token, Func<string>? getUnsignedPackageHash = null) =>
            _archive.GetContentHash(token, getUnsignedPackageHash);

        public bool CanVerifySignedPackages(SignedPackageVerifierSettings verifierSettings) =>
            _archive.CanVerifySignedPackages(verifierSettings);

        /// <summary>The archive belongs to the caller, which disposes it.</summary>
        public void Dispose()
        {
        }
    }
}
