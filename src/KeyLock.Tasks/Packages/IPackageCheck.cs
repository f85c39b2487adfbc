using System.Collections.Generic;
using System.Threading;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// One check of one located package (content hash now; extracted files, signatures and policy later).
    /// Checks run in order and a package's checks stop at the first one that finds a problem: once the archive is
    /// known to be wrong, checks that trust its bytes say nothing useful.
    /// Implementations must be thread-safe: packages are checked in parallel.
    /// </summary>
    internal interface IPackageCheck
    {
        /// <summary>Findings for the package; empty when it passes. Expected failures (bad archive) are findings, not exceptions.</summary>
        IReadOnlyList<Finding> Check(LockedPackage package, string nupkgPath, CancellationToken cancellationToken);
    }
}
