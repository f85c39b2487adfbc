using System;
using System.Collections.Generic;
using System.IO;
using KeyLock.Tasks.LockFiles;

namespace KeyLock.Tasks.Reporting
{
    /// <summary>
    /// The text of every finding, in one place so the wording stays consistent and matches docs/rules.
    /// Messages say what was expected, what was found, and the fix. They never carry a full hash.
    /// </summary>
    internal static class Findings
    {
        private const string OptOut =
            "To build without package verification, set <KeyLockVerifyPackages>false</KeyLockVerifyPackages>.";

        public static Finding LockFileMissing(string projectFile, string projectName, string lockFilePath, bool pathWasSet)
        {
            var what = pathWasSet
                ? $"The lock file set by NuGetLockFilePath does not exist: '{lockFilePath}'."
                : $"Project '{projectName}' has no NuGet lock file (looked for '{lockFilePath}').";
            return new Finding(
                KeyLockCodes.LockFileMissing,
                SourceLocation.InFile(projectFile),
                what + " KeyLock verifies every package against the content hashes in packages.lock.json. " +
                "Enable the lock file with <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile> in the project " +
                "(or Directory.Build.props), run 'dotnet restore' and commit the generated packages.lock.json. " + OptOut);
        }

        public static Finding LockFileUnreadable(SourceLocation location, string reason) =>
            new Finding(
                KeyLockCodes.LockFileUnreadable,
                location,
                $"The packages lock file cannot be read: {reason} " +
                "Fix or delete the file and run 'dotnet restore' to write it again, then review the change before committing it. " +
                OptOut);

        public static Finding ConflictingContentHashes(SourceLocation location, LockedPackage first) =>
            LockFileUnreadable(
                location,
                $"{first.DisplayName} is listed more than once with different content hashes " +
                $"(the first entry is on line {first.Location.Line}); a lock file written by NuGet never does that.");

        public static Finding MissingResolvedVersion(SourceLocation location, string id) =>
            LockFileUnreadable(location, $"the entry for '{id}' has no valid \"resolved\" version.");

        public static Finding ContentHashMissing(LockedPackage package) =>
            new Finding(
                KeyLockCodes.ContentHashMissing,
                package.Location,
                $"The lock file entry for {package.DisplayName} has no contentHash, so KeyLock cannot check the package. " +
                "NuGet writes a content hash for every package; restore again with 'dotnet restore --force-evaluate' " +
                "and review why the hash was removed before committing the lock file. " + OptOut);

        public static Finding ContentHashMismatch(LockedPackage package, string actualHash, string nupkgPath)
        {
            var (expected, found) = HashText.ShortenPair(package.ContentHash, actualHash);
            var packageFolder = Path.GetDirectoryName(nupkgPath);
            return new Finding(
                KeyLockCodes.ContentHashMismatch,
                package.Location,
                $"Package {package.DisplayName} does not match the lock file: expected content hash {expected} (lock file), " +
                $"found {found} in '{nupkgPath}'. The package was changed after it was restored, so the build would use " +
                $"code nobody pinned. Delete '{packageFolder}' and run 'dotnet restore' again from a trusted source, " +
                "and find out who or what could write to that packages folder (a shared CI cache, another user, a tool).");
        }

        public static Finding PackageArchiveMissing(LockedPackage package, string archiveFileName, IReadOnlyList<string> foldersSearched)
        {
            var searched = foldersSearched.Count == 0 ? "no packages folder was given" : "searched: " + string.Join("; ", foldersSearched);
            return new Finding(
                KeyLockCodes.PackageArchiveMissing,
                package.Location,
                $"Package {package.DisplayName} is in the lock file but its archive '{archiveFileName}' was not found ({searched}). " +
                "KeyLock cannot verify a package it cannot read, so the build stops. Run 'dotnet restore' so NuGet puts the " +
                ".nupkg back (delete the package's version folder first if it is incomplete), and check that the packages " +
                "folder is not set to leave out .nupkg files (packageSaveMode). " + OptOut);
        }

        public static Finding PackageInstalledWithoutArchive(LockedPackage package, string installedFolder, string archiveFileName) =>
            new Finding(
                KeyLockCodes.PackageArchiveMissing,
                package.Location,
                $"Package {package.DisplayName} is installed in '{installedFolder}', which is the copy the build uses, " +
                $"but '{archiveFileName}' is missing there. KeyLock cannot verify a package it cannot read, so the build stops. " +
                $"Delete '{installedFolder}' and run 'dotnet restore' again. " + OptOut);

        public static Finding PackageArchiveUnreadable(LockedPackage package, string nupkgPath, Exception error) =>
            new Finding(
                KeyLockCodes.PackageArchiveUnreadable,
                package.Location,
                $"Package archive '{nupkgPath}' for {package.DisplayName} cannot be read: {Describe(error)} " +
                "A truncated or corrupt .nupkg cannot be verified, so the build stops. Delete '" +
                Path.GetDirectoryName(nupkgPath) + "' and run 'dotnet restore' again from a trusted source.");

        public static Finding InternalFailure(SourceLocation location, Exception error, string? packageName = null)
        {
            var scope = packageName == null ? string.Empty : $" while checking {packageName}";
            return new Finding(
                KeyLockCodes.InternalFailure,
                location,
                $"KeyLock failed unexpectedly{scope} ({error.GetType().FullName}: {error.Message}). " +
                "The build stops because an unverified package must not be used. This is a bug in KeyLock: please report it " +
                "with the detailed build log (-v:detailed shows the stack trace). " + OptOut,
                error);
        }

        /// <summary>The exception message plus its innermost cause, without a stack trace.</summary>
        internal static string Describe(Exception error)
        {
            var message = error.Message.TrimEnd();
            var inner = error.InnerException;
            while (inner?.InnerException != null)
            {
                inner = inner.InnerException;
            }

            if (inner != null && !string.IsNullOrWhiteSpace(inner.Message) && !message.Contains(inner.Message))
            {
                message = message.TrimEnd('.') + ": " + inner.Message.TrimEnd();
            }

            return message.EndsWith(".", StringComparison.Ordinal) ? message : message + ".";
        }
    }
}
