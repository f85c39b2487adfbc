using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;
using NuGet.Packaging.Signing;

namespace KeyLock.Tasks.Packages
{
    /// <summary>KL5003/KL5005: the archive's content hash must equal the lock file's contentHash.</summary>
    internal sealed class ContentHashCheck : IPackageCheck
    {
        private static readonly IReadOnlyList<Finding> Passed = Array.Empty<Finding>();

        private readonly ContentHashCache _cache;
        private readonly Func<string, CancellationToken, string> _computeHash;

        public ContentHashCheck(ContentHashCache cache)
            : this(cache, ContentHasher.Compute)
        {
        }

        internal ContentHashCheck(ContentHashCache cache, Func<string, CancellationToken, string> computeHash)
        {
            _cache = cache;
            _computeHash = computeHash;
        }

        public IReadOnlyList<Finding> Check(LockedPackage package, string nupkgPath, CancellationToken cancellationToken)
        {
            string actual;
            try
            {
                var before = FileStamp.Of(nupkgPath);
                if (_cache.TryGet(before, out var cached) && Matches(package, cached))
                {
                    return Passed;
                }

                actual = _computeHash(nupkgPath, cancellationToken);

                // Cache only what was verified, and only if the file did not change while it was read.
                if (Matches(package, actual) && FileStamp.Of(nupkgPath).Equals(before))
                {
                    _cache.Add(before, actual);
                }
            }
            catch (Exception ex) when (IsUnreadableArchive(ex))
            {
                return new[] { Findings.PackageArchiveUnreadable(package, nupkgPath, ex) };
            }

            return Matches(package, actual)
                ? Passed
                : new[] { Findings.ContentHashMismatch(package, actual, nupkgPath) };
        }

        private static bool Matches(LockedPackage package, string actualHash) =>
            string.Equals(package.ContentHash, actualHash, StringComparison.Ordinal);

        // What a truncated, corrupt or inaccessible archive throws from the zip reader and NuGet's signed-archive parser.
        private static bool IsUnreadableArchive(Exception ex) =>
            ex is InvalidDataException
            || ex is IOException
            || ex is UnauthorizedAccessException
            || ex is SignatureException
            || ex is NotSupportedException
            || ex is ArgumentOutOfRangeException;
    }
}
