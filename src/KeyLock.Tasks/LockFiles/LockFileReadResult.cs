using System.Collections.Generic;
using KeyLock.Tasks.Reporting;
using NuGet.ProjectModel;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>The packages to verify, plus problems found in the lock file itself.</summary>
    internal sealed class LockFileReadResult
    {
        public LockFileReadResult(IReadOnlyList<LockedPackage> packages, IReadOnlyList<Finding> findings, PackagesLockFile? lockFile = null, LockFileLineLocator? locator = null)
        {
            Packages = packages;
            Findings = findings;
            LockFile = lockFile;
            Locator = locator;
        }

        /// <summary>Unique (id, version) pairs that have a content hash, in lock-file order.</summary>
        public IReadOnlyList<LockedPackage> Packages { get; }

        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>NuGet's view of the file, per target; null when it could not be read.</summary>
        public PackagesLockFile? LockFile { get; }

        /// <summary>Positions of entries; null when the file could not be read.</summary>
        public LockFileLineLocator? Locator { get; }
    }
}
