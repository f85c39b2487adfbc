using System.Collections.Generic;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>The packages to verify, plus problems found in the lock file itself.</summary>
    internal sealed class LockFileReadResult
    {
        public LockFileReadResult(IReadOnlyList<LockedPackage> packages, IReadOnlyList<Finding> findings)
        {
            Packages = packages;
            Findings = findings;
        }

        /// <summary>Unique (id, version) pairs that have a content hash, in lock-file order.</summary>
        public IReadOnlyList<LockedPackage> Packages { get; }

        public IReadOnlyList<Finding> Findings { get; }
    }
}
