using System.Collections.Generic;

namespace KeyLock.Tasks
{
    /// <summary>One build code: its id, a short title and the page that explains it.</summary>
    internal sealed class KeyLockCode
    {
        private const string HelpLinkFormat = "https://github.com/keylock-dev/keylock/blob/main/docs/rules/{0}.md";

        public KeyLockCode(string id, string title)
        {
            Id = id;
            Title = title;
            HelpLink = string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id);
        }

        public string Id { get; }

        public string Title { get; }

        public string HelpLink { get; }

        public override string ToString() => Id;
    }

    /// <summary>
    /// Every code the build tasks emit, in one place. KL5xxx: lock file and hashes; KL9xxx: KeyLock's own failure.
    /// A new check adds its code here, a page under docs/rules and a test that fails without it.
    /// </summary>
    internal static class KeyLockCodes
    {
        public static readonly KeyLockCode LockFileMissing =
            new KeyLockCode("KL5001", "Project has no packages lock file");

        public static readonly KeyLockCode LockFileUnreadable =
            new KeyLockCode("KL5002", "Packages lock file cannot be read");

        public static readonly KeyLockCode ContentHashMismatch =
            new KeyLockCode("KL5003", "Package archive does not match the lock file's content hash");

        public static readonly KeyLockCode PackageArchiveMissing =
            new KeyLockCode("KL5004", "Locked package archive not found");

        public static readonly KeyLockCode PackageArchiveUnreadable =
            new KeyLockCode("KL5005", "Package archive unreadable or corrupt");

        public static readonly KeyLockCode ContentHashMissing =
            new KeyLockCode("KL5006", "Lock file entry has no content hash");

        public static readonly KeyLockCode InternalFailure =
            new KeyLockCode("KL9001", "KeyLock internal failure");

        public static IReadOnlyList<KeyLockCode> All { get; } = new[]
        {
            LockFileMissing,
            LockFileUnreadable,
            ContentHashMismatch,
            PackageArchiveMissing,
            PackageArchiveUnreadable,
            ContentHashMissing,
            InternalFailure,
        };
    }
}
