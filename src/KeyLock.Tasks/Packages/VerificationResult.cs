using System.Collections.Generic;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Packages
{
    internal sealed class VerificationResult
    {
        public VerificationResult(int verifiedCount, IReadOnlyList<Finding> findings)
        {
            VerifiedCount = verifiedCount;
            Findings = findings;
        }

        /// <summary>Packages that passed every check.</summary>
        public int VerifiedCount { get; }

        public IReadOnlyList<Finding> Findings { get; }
    }
}
