using System.Collections.Generic;
using System.IO;
using System.Linq;
using NuGet.Packaging;
using NuGet.Versioning;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// Finds a package's .nupkg in the packages folders, in order, using NuGet's own folder layout
    /// (&lt;folder&gt;/&lt;id&gt;/&lt;version&gt;/&lt;id&gt;.&lt;version&gt;.nupkg, lower case).
    /// </summary>
    internal sealed class PackageLocator
    {
        private readonly IReadOnlyList<string> _folders;
        private readonly IReadOnlyList<VersionFolderPathResolver> _resolvers;

        public PackageLocator(IReadOnlyList<string> folders)
        {
            _folders = folders;
            _resolvers = folders.Select(f => new VersionFolderPathResolver(f, isLowercase: true)).ToList();
        }

        public IReadOnlyList<string> Folders => _folders;

        /// <summary>
        /// The first folder that has the package installed is the copy the build uses (the SDK resolves packages the
        /// same way), so the archive must be there: a .nupkg further down the list would verify a different copy.
        /// </summary>
        public PackageLocation Locate(string id, NuGetVersion version)
        {
            var archiveFileName = _resolvers.Count > 0
                ? _resolvers[0].GetPackageFileName(id, version)
                : (id + "." + version.ToNormalizedString() + ".nupkg").ToLowerInvariant();

            foreach (var resolver in _resolvers)
            {
                var nupkg = resolver.GetPackageFilePath(id, version);
                if (File.Exists(nupkg))
                {
                    return PackageLocation.Found(Path.GetFullPath(nupkg), archiveFileName, _folders);
                }

                if (File.Exists(resolver.GetNupkgMetadataPath(id, version)) || File.Exists(resolver.GetHashPath(id, version)))
                {
                    return PackageLocation.InstalledWithoutArchive(resolver.GetInstallPath(id, version), archiveFileName, _folders);
                }
            }

            return PackageLocation.NotFound(archiveFileName, _folders);
        }

        /// <summary>Every path <see cref="Locate"/> looks at, in order, up to the folder where the archive is (IsArchive marks archives).</summary>
        public IEnumerable<(string Path, bool IsArchive)> ProbedPaths(string id, NuGetVersion version)
        {
            foreach (var resolver in _resolvers)
            {
                var nupkg = resolver.GetPackageFilePath(id, version);
                yield return (nupkg, true);
                yield return (resolver.GetNupkgMetadataPath(id, version), false);
                yield return (resolver.GetHashPath(id, version), false);
                if (File.Exists(nupkg))
                {
                    yield break;
                }
            }
        }
    }
}
