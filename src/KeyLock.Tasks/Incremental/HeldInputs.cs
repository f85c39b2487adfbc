using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using KeyLock.Tasks.Packages;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// Under <see cref="ChangeDetection.ContentDigest"/>: every input file in a packages folder (archives, metadata, consumed
    /// files, KeyLock's own task folder), opened before the checks read it and kept open without write or delete sharing
    /// until the pass is recorded, so on Windows nobody can rewrite, replace or delete it in between and a digest taken
    /// while it is held is a digest of the bytes that were verified. Each file is digested once, when first asked: by the
    /// verdict cache (<see cref="Packages.FileStamp"/> keys verdicts about a held file by its digest) or for the pass
    /// record. Other inputs (the lock, assets and config files in the project and user folders, which restore or an editor
    /// may rewrite at any time and which the attacker of the threat model cannot write; absent paths; folders) are not
    /// held: they are stamped when the hold starts and must be the same when the pass is recorded. Disposing releases
    /// every file.
    /// </summary>
    internal sealed class HeldInputs : IDisposable
    {
        // Files held by any verification in this process, for FileStamp; the first holder of a path serves it. Keyed by the
        // packages folders' path rule: on Windows the verdict cache may reach a held file through a differently cased path.
        private static readonly ConcurrentDictionary<string, HeldFile> Registry = new ConcurrentDictionary<string, HeldFile>(PackageFolderList.PathComparer);

        private readonly Dictionary<string, HeldFile> _files = new Dictionary<string, HeldFile>(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _othersWhenHeld = new Dictionary<string, string?>(StringComparer.Ordinal);

        private HeldInputs()
        {
        }

        /// <summary>Set when some file could not be held (another process has it open for writing): no pass can be recorded.</summary>
        public string? Problem { get; private set; }

        /// <summary>Holds the files of <paramref name="inputs"/> that are inside one of <paramref name="packageFolders"/>.</summary>
        public static HeldInputs Hold(VerificationInputs inputs, IReadOnlyList<string> packageFolders)
        {
            var held = new HeldInputs();
            try
            {
                foreach (var (entry, _) in inputs.Entries)
                {
                    held.Add(entry, PackageFolderList.Contains(packageFolders, entry.Path));
                }
            }
            catch
            {
                held.Dispose();
                throw;
            }

            return held;
        }

        /// <summary>The digest stamp of a file some verification in this process holds right now (see <see cref="ContentStamp"/>).</summary>
        public static bool TryGetHeldDigest(string fullPath, out string digest, out long length)
        {
            digest = string.Empty;
            length = 0;
            if (!Registry.TryGetValue(fullPath, out var file))
            {
                return false;
            }

            try
            {
                digest = file.Digest;
                length = file.Length;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ObjectDisposedException)
            {
                return false; // an unreadable or just released file: its verdicts are kept for this build only
            }
        }

        /// <summary>The stamp of <paramref name="entry"/> for the pass record, or null when it cannot be trusted to be what was verified.</summary>
        public string? StampForRecord(InputEntry entry)
        {
            if (_files.TryGetValue(entry.Path, out var file))
            {
                try
                {
                    return file.Digest;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return null;
                }
            }

            // Not held: it must be as it was before the checks ran (same digest, still absent, still a folder).
            var now = ContentStamp.Of(entry.Path, entry.FollowLinks, entry.ListsFolder);
            return _othersWhenHeld.TryGetValue(entry.Path, out var before) && before == now ? now : null;
        }

        public void Dispose()
        {
            foreach (var pair in _files)
            {
                ((ICollection<KeyValuePair<string, HeldFile>>)Registry).Remove(pair);
                pair.Value.Dispose();
            }

            _files.Clear();
        }

        private void Add(InputEntry entry, bool inPackageFolder)
        {
            if (!inPackageFolder || ContentStamp.KindOf(entry.Path, entry.FollowLinks) != EntryKind.File)
            {
                _othersWhenHeld[entry.Path] = ContentStamp.Of(entry.Path, entry.FollowLinks, entry.ListsFolder);
                return;
            }

            FileStream stream;
            try
            {
                // FileShare.Read: others may read (the checks, other projects' KeyLock), nobody may write, rename or delete.
                stream = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Problem = Problem ?? $"{entry.Path} could not be held open for reading ({ex.Message})";
                return;
            }

            var file = new HeldFile(stream);
            _files[entry.Path] = file;
            Registry.TryAdd(entry.Path, file);
        }

        /// <summary>One held file and its digest, computed once (the checks and the record may ask from several threads).</summary>
        private sealed class HeldFile : IDisposable
        {
            private readonly FileStream _stream;
            private readonly Lazy<string> _digest;

            public HeldFile(FileStream stream)
            {
                _stream = stream;
                _digest = new Lazy<string>(() => ContentStamp.DigestOf(_stream), LazyThreadSafetyMode.ExecutionAndPublication);
            }

            public string Digest => _digest.Value;

            public long Length => _stream.Length;

            public void Dispose() => _stream.Dispose();
        }
    }
}
