using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// Locates every locked package and runs the checks on it, a few packages at a time. Every package is
    /// checked even after a failure, so one build shows all problems.
    /// </summary>
    internal sealed class PackageVerifier
    {
        private readonly PackageLocator _locator;
        private readonly IReadOnlyList<IPackageCheck> _checks;
        private readonly int _maxParallelism;

        public PackageVerifier(PackageLocator locator, IReadOnlyList<IPackageCheck> checks, int maxParallelism)
        {
            _locator = locator;
            _checks = checks;
            _maxParallelism = Math.Max(1, maxParallelism);
        }

        /// <summary>Hashing is disk- and SHA-512-bound; more threads than cores only adds seeks. Capped for large machines.</summary>
        public static int DefaultParallelism => Math.Max(1, Math.Min(Environment.ProcessorCount, 8));

        public VerificationResult VerifyAll(IReadOnlyList<LockedPackage> packages, CancellationToken cancellationToken)
        {
            var findings = new ConcurrentBag<Finding>();
            var verified = 0;
            var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism, CancellationToken = cancellationToken };

            Parallel.ForEach(packages, options, package =>
            {
                var packageFindings = VerifyOne(package, cancellationToken);
                if (packageFindings.Count == 0)
                {
                    Interlocked.Increment(ref verified);
                }

                foreach (var finding in packageFindings)
                {
                    findings.Add(finding);
                }
            });

            return new VerificationResult(verified, FindingReporter.Sort(findings));
        }

        private IReadOnlyList<Finding> VerifyOne(LockedPackage package, CancellationToken cancellationToken)
        {
            try
            {
                var location = _locator.Locate(package.Id, package.Version);
                if (location.InstalledFolderWithoutArchive != null)
                {
                    return new[] { Findings.PackageInstalledWithoutArchive(package, location.InstalledFolderWithoutArchive, location.ArchiveFileName) };
                }

                if (location.NupkgPath == null)
                {
                    return new[] { Findings.PackageArchiveMissing(package, location.ArchiveFileName, location.FoldersSearched) };
                }

                foreach (var check in _checks)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var found = check.Check(package, location.NupkgPath, cancellationToken);
                    if (found.Count > 0)
                    {
                        return found;
                    }
                }

                return Array.Empty<Finding>();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // A bug in one check must not hide the results for other packages, and must not pass this one.
                return new[] { Findings.InternalFailure(package.Location, ex, package.DisplayName) };
            }
        }
    }
}
