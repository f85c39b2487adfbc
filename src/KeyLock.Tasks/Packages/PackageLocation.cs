using System.Collections.Generic;

namespace KeyLock.Tasks.Packages
{
    /// <summary>Where a locked package's archive is, or why it could not be found.</summary>
    internal sealed class PackageLocation
    {
        private PackageLocation(string? nupkgPath, string? installedWithoutArchive, string archiveFileName, IReadOnlyList<string> foldersSearched)
        {
            NupkgPath = nupkgPath;
            InstalledFolderWithoutArchive = installedWithoutArchive;
            ArchiveFileName = archiveFileName;
            FoldersSearched = foldersSearched;
        }

        /// <summary>Full path of the .nupkg the build's copy came from; null if not found.</summary>
        public string? NupkgPath { get; }

        /// <summary>Set when the first folder that has the package installed lacks its .nupkg.</summary>
        public string? InstalledFolderWithoutArchive { get; }

        public string ArchiveFileName { get; }

        public IReadOnlyList<string> FoldersSearched { get; }

        public static PackageLocation Found(string nupkgPath, string archiveFileName, IReadOnlyList<string> folders) =>
            new PackageLocation(nupkgPath, null, archiveFileName, folders);

        public static PackageLocation InstalledWithoutArchive(string versionFolder, string archiveFileName, IReadOnlyList<string> folders) =>
            new PackageLocation(null, versionFolder, archiveFileName, folders);

        public static PackageLocation NotFound(string archiveFileName, IReadOnlyList<string> folders) =>
            new PackageLocation(null, null, archiveFileName, folders);
    }
}
