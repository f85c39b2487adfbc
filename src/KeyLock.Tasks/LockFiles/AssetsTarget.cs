using System.Collections.Generic;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>One target of project.assets.json (a framework, optionally with a runtime): the packages restore resolved for it.</summary>
    internal sealed class AssetsTarget
    {
        public AssetsTarget(NuGetFramework framework, string? runtimeIdentifier, IReadOnlyList<(string Id, NuGetVersion Version)> packages)
        {
            Framework = framework;
            RuntimeIdentifier = runtimeIdentifier;
            Packages = packages;
        }

        public NuGetFramework Framework { get; }

        public string? RuntimeIdentifier { get; }

        public IReadOnlyList<(string Id, NuGetVersion Version)> Packages { get; }
    }
}
