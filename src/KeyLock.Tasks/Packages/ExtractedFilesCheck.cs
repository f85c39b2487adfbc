using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Reporting;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// KL5008/KL5009: every file the build consumes from a package (as project.assets.json lists it) must be byte-identical to
    /// its entry in the archive whose content hash was just verified. Runs after <see cref="ContentHashCheck"/>, so the archive
    /// is the pinned one. Sizes are compared before any byte is inflated, and an entry is never read past the length of the
    /// file it is compared with (plus one byte), so a zip bomb costs nothing.
    /// </summary>
    internal sealed class ExtractedFilesCheck : IPackageCheck
    {
        private const int BufferSize = 81920;
        private const int MaxReasons = 3;

        private static readonly IReadOnlyList<Finding> Passed = Array.Empty<Finding>();

        private readonly Func<LockedPackage, IReadOnlyCollection<string>> _consumedFiles;
        private readonly ContentHashCache _cache;
        private readonly string _assetsDisplay;

        public ExtractedFilesCheck(Func<LockedPackage, IReadOnlyCollection<string>> consumedFiles, ContentHashCache cache, string assetsDisplay)
        {
            _consumedFiles = consumedFiles;
            _cache = cache;
            _assetsDisplay = assetsDisplay;
        }

        public IReadOnlyList<Finding> Check(LockedPackage package, string nupkgPath, CancellationToken cancellationToken)
        {
            var versionFolder = Path.GetDirectoryName(nupkgPath)!;
            var consumed = _consumedFiles(package);
            var findings = new List<Finding>();

            // Cheap checks first (paths, links, existence); they also make up the cache key.
            var toCompare = new List<(string RelativePath, string FullPath, long Length)>();
            var archiveStamp = FileStamp.Of(nupkgPath);
            var settled = archiveStamp.Settled;
            var key = new StringBuilder("X|").Append(archiveStamp.Key);
            foreach (var relativePath in consumed)
            {
                if (ArchiveEntryName.Unsafe(relativePath) != null)
                {
                    findings.Add(Findings.UnsafeAssetPath(package, relativePath, _assetsDisplay));
                    continue;
                }

                var fullPath = Path.Combine(versionFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));
                var link = FirstLink(versionFolder, relativePath);
                if (link != null)
                {
                    findings.Add(Findings.ExtractedFileIsLink(package, link, versionFolder));
                    continue;
                }

                var info = new FileInfo(fullPath);
                if (!info.Exists)
                {
                    findings.Add(Findings.ExtractedFileMissing(package, fullPath, versionFolder));
                    continue;
                }

                var stamp = FileStamp.Of(fullPath);
                settled &= stamp.Settled;
                toCompare.Add((relativePath, fullPath, stamp.Length));
                key.Append('|').Append(relativePath).Append('|').Append(stamp.Key);
            }

            var cacheKey = key.ToString();
            if (findings.Count == 0 && _cache.IsPassed(cacheKey))
            {
                return Passed;
            }

            try
            {
                using (var stream = new FileStream(nupkgPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.RandomAccess))
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false))
                {
                    var entries = IndexEntries(zip, out var unsafeReasons);
                    if (unsafeReasons.Count > 0)
                    {
                        findings.Add(Findings.UnsafeArchiveEntries(package, nupkgPath, unsafeReasons));
                        return findings;
                    }

                    var buffers = new Buffers();
                    foreach (var (relativePath, fullPath, length) in toCompare)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (!TryFind(entries, relativePath, out var entry))
                        {
                            findings.Add(Findings.ExtractedFileNotInArchive(package, relativePath, nupkgPath, versionFolder));
                            continue;
                        }

                        var finding = Compare(package, nupkgPath, versionFolder, entry, fullPath, length, buffers, cancellationToken);
                        if (finding != null)
                        {
                            findings.Add(finding);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                findings.Add(Findings.PackageArchiveUnreadable(package, nupkgPath, ex));
                return findings;
            }

            if (findings.Count == 0)
            {
                // Durable only when nothing changed while it was compared (same stamps after as before).
                _cache.MarkPassed(cacheKey, settled && string.Equals(cacheKey, StampsAgain(nupkgPath, toCompare), StringComparison.Ordinal));
            }

            return findings;
        }

        private static string? StampsAgain(string nupkgPath, List<(string RelativePath, string FullPath, long Length)> compared)
        {
            try
            {
                var key = new StringBuilder("X|").Append(FileStamp.Of(nupkgPath).Key);
                foreach (var (relativePath, fullPath, _) in compared)
                {
                    key.Append('|').Append(relativePath).Append('|').Append(FileStamp.Of(fullPath).Key);
                }

                return key.ToString();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static Finding? Compare(
            LockedPackage package, string nupkgPath, string versionFolder, ZipArchiveEntry entry, string fullPath, long fileLength, Buffers buffers, CancellationToken cancellationToken)
        {
            // The declared size decides first: a forged 4 GB header against a 10 kB file is a mismatch, decided without inflating.
            if (entry.Length != fileLength)
            {
                return Findings.ExtractedFileChanged(
                    package, fullPath, $"{fileLength} bytes on disk, {entry.Length} bytes in the archive", versionFolder);
            }

            using (var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan))
            using (var inflated = entry.Open())
            {
                long offset = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var read = Streams.ReadFull(file, buffers.File, buffers.File.Length);
                    if (read == 0)
                    {
                        break;
                    }

                    var fromArchive = Streams.ReadFull(inflated, buffers.Archive, read);
                    if (fromArchive < read)
                    {
                        return Findings.EntryLargerThanDeclared(package, nupkgPath, entry.FullName);
                    }

                    var difference = FirstDifference(buffers.File, buffers.Archive, read);
                    if (difference >= 0)
                    {
                        return Findings.ExtractedFileChanged(package, fullPath, $"content differs at byte {offset + difference}", versionFolder);
                    }

                    offset += read;
                }

                if (offset != fileLength)
                {
                    // The file changed length while it was read.
                    return Findings.ExtractedFileChanged(package, fullPath, "the file changed while it was read", versionFolder);
                }

                // Bounded: one more byte tells whether the entry inflates past the size it declares.
                if (inflated.Read(buffers.Archive, 0, 1) != 0)
                {
                    return Findings.EntryLargerThanDeclared(package, nupkgPath, entry.FullName);
                }
            }

            return null;
        }

        private static Dictionary<string, ZipArchiveEntry> IndexEntries(ZipArchive zip, out List<string> unsafeReasons)
        {
            unsafeReasons = new List<string>();
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var caseInsensitive = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                var relativePath = ArchiveEntryName.ToRelativePath(entry.FullName);
                var problem = ArchiveEntryName.Unsafe(relativePath);
                if (problem != null)
                {
                    AddReason(unsafeReasons, $"entry '{Printable(entry.FullName)}' has {problem}");
                    continue;
                }

                if (!caseInsensitive.Add(relativePath))
                {
                    AddReason(unsafeReasons, $"entry '{Printable(entry.FullName)}' appears more than once");
                    continue;
                }

                entries[relativePath] = entry;
            }

            return entries;
        }

        private static void AddReason(List<string> reasons, string reason)
        {
            if (reasons.Count < MaxReasons)
            {
                reasons.Add(reason);
            }
            else if (reasons.Count == MaxReasons)
            {
                reasons.Add("and more");
            }
        }

        private static string Printable(string name) => name.Replace("\0", "\\0");

        private static bool TryFind(Dictionary<string, ZipArchiveEntry> entries, string relativePath, out ZipArchiveEntry entry)
        {
            if (entries.TryGetValue(relativePath, out entry!))
            {
                return true;
            }

            // project.assets.json keeps the case NuGet saw; a case-only difference is still the same entry.
            foreach (var pair in entries)
            {
                if (string.Equals(pair.Key, relativePath, StringComparison.OrdinalIgnoreCase))
                {
                    entry = pair.Value;
                    return true;
                }
            }

            return false;
        }

        /// <summary>The first link (symlink, junction) on the way from the version folder to the file, or null.</summary>
        private static string? FirstLink(string versionFolder, string relativePath)
        {
            var current = versionFolder;
            foreach (var segment in relativePath.Split('/'))
            {
                current = Path.Combine(current, segment);
                FileAttributes attributes;
                try
                {
                    attributes = File.GetAttributes(current);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return null;
                }

                if ((attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return current;
                }
            }

            return null;
        }

        private static int FirstDifference(byte[] a, byte[] b, int count)
        {
#if NET
            var index = new ReadOnlySpan<byte>(a, 0, count).CommonPrefixLength(new ReadOnlySpan<byte>(b, 0, count));
            return index == count ? -1 : index;
#else
            for (var i = 0; i < count; i++)
            {
                if (a[i] != b[i])
                {
                    return i;
                }
            }

            return -1;
#endif
        }

        private sealed class Buffers
        {
            public byte[] File { get; } = new byte[BufferSize];

            public byte[] Archive { get; } = new byte[BufferSize];
        }
    }
}
