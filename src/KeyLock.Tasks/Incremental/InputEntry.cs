using System;
using KeyLock.Tasks.Packages;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// One path a passing verification depended on, present or absent: a file it read, a folder whose contents it relied
    /// on, or a place it looked and found nothing. Its stamp is the kernel identity (<see cref="FileIdentity"/>: device,
    /// inode, size, mtime, ctime, file or directory) or, under <see cref="ChangeDetection.ContentDigest"/>, its
    /// <see cref="ContentStamp"/>; <see cref="AbsentStamp"/> when nothing is there, or null when the path cannot be stamped
    /// safely (another file type, a link where none is allowed, a network file system, no statx).
    /// </summary>
    internal readonly struct InputEntry
    {
        public const string AbsentStamp = "-";

        public InputEntry(string path, bool followLinks, bool listsFolder = false)
        {
            Path = path;
            FollowLinks = followLinks;
            ListsFolder = listsFolder;
        }

        public string Path { get; }

        /// <summary>False inside package folders: a symlink there is a finding (KL5008), so it must not stamp like the file it points to.</summary>
        public bool FollowLinks { get; }

        /// <summary>
        /// A folder whose entries matter (a config folder, where any new file is read): under content digests its stamp
        /// names its entries (<see cref="ContentStamp.ListingPrefix"/>). Kernel identities need nothing more: a folder's
        /// mtime and ctime change when an entry is added, removed or renamed.
        /// </summary>
        public bool ListsFolder { get; }

        /// <summary>True when the path still has the <paramref name="recorded"/> stamp.</summary>
        public bool StillMatches(ChangeDetection mode, string recorded) =>
            mode == ChangeDetection.ContentDigest ? ContentStamp.Matches(Path, FollowLinks, recorded) : Stamp(settledBefore: null) == recorded;

        /// <summary>
        /// The kernel-identity stamp, or null when it cannot be stamped or (with <paramref name="settledBefore"/>) when the entry last changed
        /// at or after that time: a file changed while it was being verified must not key a pass.
        /// </summary>
        public string? Stamp(DateTime? settledBefore)
        {
            switch (FileIdentity.TryGetEntry(Path, FollowLinks, out var identity))
            {
                case StatOutcome.Absent:
                    return AbsentStamp;
                case StatOutcome.Found:
                    if (settledBefore.HasValue && (identity.LastChangeUtc >= settledBefore.Value || !identity.IsOnLocalFileSystem(Path)))
                    {
                        return null;
                    }

                    return identity.Key;
                default:
                    return null;
            }
        }
    }
}
