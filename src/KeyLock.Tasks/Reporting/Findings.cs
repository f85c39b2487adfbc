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

        public static Finding DuplicateEntry(SourceLocation location, string id, string target) =>
            LockFileUnreadable(
                location,
                $"'{id}' is listed more than once under target '{target}'; JSON readers disagree about which entry wins, " +
                "so KeyLock does not guess.");

        public static Finding UnknownDependencyType(SourceLocation location, string id, string type) =>
            LockFileUnreadable(
                location,
                $"the entry for '{id}' has an unknown \"type\" '{type}' (NuGet writes Direct, Transitive, CentralTransitive or Project).");

        // ---- KL5007: lock file against project.assets.json ----

        private const string RefreshLockFile =
            "Run 'dotnet restore --force-evaluate' to write the lock file from the project again, review the change and commit it; " +
            "set <RestoreLockedMode>true</RestoreLockedMode> in CI so restore refuses a lock file that does not match.";

        public static Finding AssetsFileMissing(string lockFilePath, string assetsFile) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                SourceLocation.InFile(lockFilePath),
                $"KeyLock cannot compare the lock file with what restore resolved: '{assetsFile}' does not exist or cannot be read. " +
                "Run 'dotnet restore' first. " + OptOut);

        public static Finding AssetsFileUnreadable(string lockFilePath, string assetsFile, string reason) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                SourceLocation.InFile(lockFilePath),
                $"KeyLock cannot compare the lock file with what restore resolved: '{assetsFile}' cannot be read ({reason}). " +
                "Delete the obj folder and run 'dotnet restore' again. " + OptOut);

        public static Finding TargetNotLocked(string lockFilePath, string target, string assetsFile) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                SourceLocation.InFile(lockFilePath),
                $"The lock file has no section for '{target}', but restore resolved packages for it ('{assetsFile}'), so those packages " +
                "are pinned by nothing. " + RefreshLockFile);

        public static Finding TargetNotRestored(SourceLocation location, string target, string assetsFile) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                location,
                $"The lock file has a section for '{target}', which the project no longer restores ('{assetsFile}'). " + RefreshLockFile);

        public static Finding PackageNotLocked(SourceLocation location, string target, string package, string assetsFile) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                location,
                $"Restore resolved {package} for '{target}' ('{assetsFile}'), but the lock file does not pin it, so the build would use " +
                "a package nobody reviewed. " + RefreshLockFile);

        public static Finding PackageVersionDiffers(SourceLocation location, string target, string locked, string resolved, string assetsFile) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                location,
                $"The lock file pins {locked} for '{target}', but restore resolved {resolved} ('{assetsFile}'). The build uses " +
                "what restore resolved, not what the lock file pins. " + RefreshLockFile);

        public static Finding PackageNotRestored(SourceLocation location, string target, string package, string assetsFile) =>
            new Finding(
                KeyLockCodes.LockFileOutOfDate,
                location,
                $"The lock file pins {package} for '{target}', but restore did not resolve it ('{assetsFile}'): the lock file no " +
                "longer describes this project. " + RefreshLockFile);

        // ---- KL5008 / KL5009: extracted files ----

        private static string ReExtract(string versionFolder) =>
            $"Delete '{versionFolder}' and run 'dotnet restore' again from a trusted source, and find out who or what could write " +
            "to that packages folder (a shared CI cache, another user, a tool).";

        public static Finding ExtractedFileChanged(LockedPackage package, string file, string detail, string versionFolder) =>
            new Finding(
                KeyLockCodes.ExtractedFileMismatch,
                package.Location,
                $"Extracted file '{file}' of {package.DisplayName} is not the file in the verified package archive ({detail}). " +
                "The build would compile, load or import code that was changed after restore. " + ReExtract(versionFolder));

        public static Finding ExtractedFileMissing(LockedPackage package, string file, string versionFolder) =>
            new Finding(
                KeyLockCodes.ExtractedFileMismatch,
                package.Location,
                $"Extracted file '{file}' of {package.DisplayName}, which restore says the build uses, does not exist. " +
                ReExtract(versionFolder));

        public static Finding ExtractedFileNotInArchive(LockedPackage package, string relativePath, string nupkgPath, string versionFolder) =>
            new Finding(
                KeyLockCodes.ExtractedFileMismatch,
                package.Location,
                $"{package.DisplayName}: the build uses '{relativePath}', but the verified archive '{nupkgPath}' has no such entry, " +
                "so the file was added to the packages folder after restore. " + ReExtract(versionFolder));

        public static Finding ExtractedFileIsLink(LockedPackage package, string path, string versionFolder) =>
            new Finding(
                KeyLockCodes.ExtractedFileMismatch,
                package.Location,
                $"'{path}' in the extracted copy of {package.DisplayName} is a symbolic link (or another reparse point). NuGet never " +
                "extracts links; a link lets the build read a file that can change after it was checked. " + ReExtract(versionFolder));

        public static Finding UnsafeArchiveEntries(LockedPackage package, string nupkgPath, IReadOnlyList<string> reasons) =>
            new Finding(
                KeyLockCodes.UnsafeArchiveEntry,
                package.Location,
                $"Package archive '{nupkgPath}' for {package.DisplayName} is unsafe: {string.Join("; ", reasons)}. NuGet never writes " +
                "such archives; treat the package as hostile, remove it from the lock file and the packages folder, and find out " +
                "where it came from.");

        public static Finding UnsafeAssetPath(LockedPackage package, string relativePath, string assetsFile) =>
            new Finding(
                KeyLockCodes.UnsafeArchiveEntry,
                package.Location,
                $"'{assetsFile}' lists '{relativePath}' as a file of {package.DisplayName}, a path that leaves the package folder. " +
                "Restore never writes such paths; delete the obj folder and run 'dotnet restore' again.");

        public static Finding EntryLargerThanDeclared(LockedPackage package, string nupkgPath, string entry) =>
            UnsafeArchiveEntries(
                package,
                nupkgPath,
                new[] { $"entry '{entry}' inflates to a different size than its header declares (a zip bomb or a forged header)" });

        // ---- KL6xxx: signatures ----

        private const string SignatureFix =
            "Delete the package's folder from the packages folder and run 'dotnet restore' again from a trusted source; if the " +
            "package really is published like this, adjust signatureValidationMode/trustedSigners in nuget.config or lower " +
            "this check with <KeyLockSignatureSeverity>warning</KeyLockSignatureSeverity>.";

        public static Finding NuGetOrgSignatureMissing(LockedPackage package, string nupkgPath, bool unsigned) =>
            new Finding(
                KeyLockCodes.SignatureMissing,
                package.Location,
                $"{package.DisplayName} was restored from nuget.org, but '{nupkgPath}' " +
                (unsigned ? "has no signature at all" : "has no nuget.org repository signature") +
                ". nuget.org signs every package; removing a signature does not change the lock file's content hash, so this is the " +
                "only sign that the package was replaced. " + SignatureFix);

        /// <param name="reason">Why the nuget.org rule applies although the package does not say it came from nuget.org.</param>
        public static Finding UnprovenSourceSignatureMissing(LockedPackage package, string nupkgPath, string reason, bool unsigned) =>
            new Finding(
                KeyLockCodes.SignatureMissing,
                package.Location,
                $"{package.DisplayName}: {reason}, but '{nupkgPath}' " +
                (unsigned ? "has no signature at all" : "has no nuget.org repository signature") +
                ". Whoever can strip a signature in the packages folder can rewrite that file too, so only a source this restore " +
                "uses (project.assets.json) is believed. If the package really comes from another source, add that source to " +
                "nuget.config and restore again. " + SignatureFix);

        public static Finding SignatureRequired(LockedPackage package, string nupkgPath) =>
            new Finding(
                KeyLockCodes.SignatureMissing,
                package.Location,
                $"{package.DisplayName} ('{nupkgPath}') is not signed, and nuget.config sets signatureValidationMode to require. " + SignatureFix);

        public static Finding SignatureInvalid(LockedPackage package, string nupkgPath, string nugetIssue) =>
            new Finding(
                KeyLockCodes.SignatureInvalid,
                package.Location,
                $"The signature of {package.DisplayName} ('{nupkgPath}') does not verify: {nugetIssue} " + SignatureFix);

        public static Finding SignerUntrusted(LockedPackage package, string nupkgPath, string detail) =>
            new Finding(
                KeyLockCodes.SignerUntrusted,
                package.Location,
                $"{package.DisplayName} ('{nupkgPath}') is signed, but not by a signer policy trusts: {detail} " + SignatureFix);

        public static Finding InvalidSetting(string projectFile, string propertyName, string value, string allowed, string meanwhile = "the check stays an error") =>
            new Finding(
                KeyLockCodes.InvalidSetting,
                SourceLocation.InFile(projectFile),
                $"{propertyName} is '{value}', which KeyLock does not understand (allowed: {allowed}); {meanwhile}. " +
                "Fix the property value. " + OptOut);

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
