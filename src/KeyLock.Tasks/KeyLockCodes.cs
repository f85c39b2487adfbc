using System.Collections.Generic;

namespace KeyLock.Tasks
{
    /// <summary>
    /// Which check a code belongs to: each check's severity can be lowered to a warning by one MSBuild property.
    /// <see cref="Always"/> codes (no lock file, unreadable lock file, KeyLock's own failure) are always errors.
    /// </summary>
    internal enum CheckKind
    {
        Always,
        LockFile,
        ContentHash,
        ExtractedFiles,
        Signature,
        BuildCode,
    }

    /// <summary>One build code: its id, a short title, the check it belongs to and the page that explains it.</summary>
    internal sealed class KeyLockCode
    {
        private const string HelpLinkFormat = "https://github.com/keylock-dev/keylock/blob/main/docs/rules/{0}.md";

        public KeyLockCode(string id, string title, CheckKind check = CheckKind.Always)
        {
            Id = id;
            Title = title;
            Check = check;
            HelpLink = string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id);
        }

        public string Id { get; }

        public CheckKind Check { get; }

        public string Title { get; }

        public string HelpLink { get; }

        public override string ToString() => Id;
    }

    /// <summary>
    /// Every code the build tasks emit, in one place. KL5xxx: lock file, hashes and extracted files;
    /// KL6xxx: signatures and trust; KL9xxx: KeyLock's own failure.
    /// A new check adds its code here, a page under docs/rules and a test that fails without it.
    /// </summary>
    internal static class KeyLockCodes
    {
        public static readonly KeyLockCode LockFileMissing =
            new KeyLockCode("KL5001", "Project has no packages lock file");

        public static readonly KeyLockCode LockFileUnreadable =
            new KeyLockCode("KL5002", "Packages lock file cannot be read");

        public static readonly KeyLockCode ContentHashMismatch =
            new KeyLockCode("KL5003", "Package archive does not match the lock file's content hash", CheckKind.ContentHash);

        public static readonly KeyLockCode PackageArchiveMissing =
            new KeyLockCode("KL5004", "Locked package archive not found", CheckKind.ContentHash);

        public static readonly KeyLockCode PackageArchiveUnreadable =
            new KeyLockCode("KL5005", "Package archive unreadable or corrupt", CheckKind.ContentHash);

        public static readonly KeyLockCode ContentHashMissing =
            new KeyLockCode("KL5006", "Lock file entry has no content hash", CheckKind.ContentHash);

        public static readonly KeyLockCode LockFileOutOfDate =
            new KeyLockCode("KL5007", "Lock file does not match the packages restore resolved", CheckKind.LockFile);

        public static readonly KeyLockCode ExtractedFileMismatch =
            new KeyLockCode("KL5008", "Extracted package file differs from the verified archive", CheckKind.ExtractedFiles);

        public static readonly KeyLockCode UnsafeArchiveEntry =
            new KeyLockCode("KL5009", "Package archive or asset path is unsafe", CheckKind.ExtractedFiles);

        public static readonly KeyLockCode SignatureMissing =
            new KeyLockCode("KL6001", "Package is not signed as policy requires", CheckKind.Signature);

        public static readonly KeyLockCode SignatureInvalid =
            new KeyLockCode("KL6002", "Package signature is invalid", CheckKind.Signature);

        public static readonly KeyLockCode SignerUntrusted =
            new KeyLockCode("KL6003", "Package signer is not trusted", CheckKind.Signature);

        public static readonly KeyLockCode InternalFailure =
            new KeyLockCode("KL9001", "KeyLock internal failure");

        public static readonly KeyLockCode InvalidSetting =
            new KeyLockCode("KL9003", "Invalid KeyLock setting");

        // ---- Supply-chain policy (keylock.json): deny list, cooldown, build-time code, SBOM ----

        public static readonly KeyLockCode PackageDenied =
            new KeyLockCode("KL5020", "Locked package version is on the deny list");

        public static readonly KeyLockCode PackageTooNew =
            new KeyLockCode("KL6020", "Package is younger than the minimum package age");

        public static readonly KeyLockCode BuildCodeNotAllowed =
            new KeyLockCode("KL7001", "Package brings build-time code that policy does not allow", CheckKind.BuildCode);

        public static readonly KeyLockCode SbomWriteFailed =
            new KeyLockCode("KL8001", "SBOM could not be written");

        public static readonly KeyLockCode PolicyInvalid =
            new KeyLockCode("KL9020", "keylock.json is invalid");

        public static IReadOnlyList<KeyLockCode> All { get; } = new[]
        {
            LockFileMissing,
            LockFileUnreadable,
            ContentHashMismatch,
            PackageArchiveMissing,
            PackageArchiveUnreadable,
            ContentHashMissing,
            LockFileOutOfDate,
            ExtractedFileMismatch,
            UnsafeArchiveEntry,
            SignatureMissing,
            SignatureInvalid,
            SignerUntrusted,
            InternalFailure,
            InvalidSetting,
            PackageDenied,
            PackageTooNew,
            BuildCodeNotAllowed,
            SbomWriteFailed,
            PolicyInvalid,
        };
    }
}
