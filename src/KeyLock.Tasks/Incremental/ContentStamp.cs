using System;
using System.IO;
using System.Security.Cryptography;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// The stamp of an input under <see cref="ChangeDetection.ContentDigest"/>: <c>sha256:&lt;length&gt;:&lt;hex&gt;</c> for a
    /// file, <see cref="Directory"/> for a folder (<c>dir:&lt;hex&gt;</c>, a digest of its entries' names, for a folder whose
    /// entries matter: <see cref="InputEntry.ListsFolder"/>), <see cref="InputEntry.AbsentStamp"/> when nothing is there, and
    /// null for what cannot be stamped (a link or junction where none is allowed, a file that cannot be read).
    /// </summary>
    internal static class ContentStamp
    {
        public const string Directory = "dir";
        public const string ListingPrefix = "dir:";
        private const string Prefix = "sha256:";
        private const int BufferSize = 1 << 16;

        /// <summary>What is at the path, without reading it; links count as <see cref="EntryKind.Unusable"/> unless followed.</summary>
        public static EntryKind KindOf(string path, bool followLinks)
        {
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                return EntryKind.Absent;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return EntryKind.Unusable;
            }

            if (!followLinks && (attributes & FileAttributes.ReparsePoint) != 0)
            {
                return EntryKind.Unusable;
            }

            if ((attributes & FileAttributes.Directory) != 0)
            {
                return EntryKind.Directory;
            }

#if NET
            // Outside Windows a path can also be a FIFO or a device, which would block or never end when read: only a
            // regular file (as statx sees it) is one. Content digests run there only in tests (see ChangeDetectionChoice).
            if (!OperatingSystem.IsWindows() && KeyLock.Tasks.Packages.FileIdentity.TryGetEntry(path, followLinks, out _) != KeyLock.Tasks.Packages.StatOutcome.Found)
            {
                return EntryKind.Unusable;
            }
#endif

            return EntryKind.File;
        }

        /// <summary>The stamp now (held files are digested through their handle instead: <see cref="HeldInputs"/>).</summary>
        public static string? Of(string path, bool followLinks, bool listsFolder = false)
        {
            switch (KindOf(path, followLinks))
            {
                case EntryKind.Absent:
                    return InputEntry.AbsentStamp;
                case EntryKind.Directory:
                    return listsFolder ? ListingOf(path) : Directory;
                case EntryKind.File:
                    break;
                default:
                    return null;
            }

            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan))
                {
                    return DigestOf(stream);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>True when <paramref name="recorded"/> is still the stamp of the path; a file of another length is not hashed.</summary>
        public static bool Matches(string path, bool followLinks, string recorded)
        {
            if (recorded.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var lengthEnd = recorded.IndexOf(':', Prefix.Length);
                var info = new FileInfo(path);
                if (lengthEnd < 0 || !info.Exists || info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) != recorded.Substring(Prefix.Length, lengthEnd - Prefix.Length))
                {
                    return false;
                }
            }

            return Of(path, followLinks, listsFolder: recorded.StartsWith(ListingPrefix, StringComparison.Ordinal)) == recorded;
        }

        /// <summary>A folder's stamp that changes when an entry is added, removed or renamed (names sorted ordinally).</summary>
        private static string? ListingOf(string path)
        {
            string[] names;
            try
            {
                names = System.IO.Directory.GetFileSystemEntries(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }

            for (var i = 0; i < names.Length; i++)
            {
                names[i] = System.IO.Path.GetFileName(names[i]);
            }

            Array.Sort(names, StringComparer.Ordinal);
            return ListingPrefix + TextDigest.Sha256Hex(string.Join("\n", names));
        }

        /// <summary>The stamp of a file's bytes, read from the stream's current position to its end.</summary>
        public static string DigestOf(Stream stream)
        {
            using (var sha = SHA256.Create())
            {
                var length = 0L;
                var buffer = new byte[BufferSize];
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    sha.TransformBlock(buffer, 0, read, null, 0);
                    length += read;
                }

                sha.TransformFinalBlock(buffer, 0, 0);
                return Prefix + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + BitConverter.ToString(sha.Hash!).Replace("-", string.Empty);
            }
        }
    }

    /// <summary>What <see cref="ContentStamp.KindOf"/> found at a path.</summary>
    internal enum EntryKind
    {
        Absent,
        Directory,
        File,

        /// <summary>A link or junction where none is allowed, or a path that cannot be examined.</summary>
        Unusable,
    }
}
