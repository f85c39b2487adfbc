using KeyLock.Tasks.Reporting;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>A package pinned by the lock file: identity, expected content hash and where its entry is.</summary>
    internal sealed class LockedPackage
    {
        public LockedPackage(string id, NuGetVersion version, string contentHash, SourceLocation location)
        {
            Id = id;
            Version = version;
            ContentHash = contentHash;
            Location = location;
        }

        public string Id { get; }

        public NuGetVersion Version { get; }

        /// <summary>Base64 SHA-512 of the package without its signature entry, as NuGet writes it.</summary>
        public string ContentHash { get; }

        /// <summary>The first <c>"Id": {</c> entry for this package in the lock file.</summary>
        public SourceLocation Location { get; }

        public string DisplayName => Id + " " + Version.ToNormalizedString();

        public override string ToString() => DisplayName;
    }
}
