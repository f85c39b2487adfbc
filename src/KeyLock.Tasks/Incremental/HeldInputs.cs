using System;
using System.Collections.Generic;
using System.IO;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// Under <see cref="ChangeDetection.ContentDigest"/>: every input file of a verification, opened before the checks read
    /// it and kept open without write or delete sharing until the pass is recorded, so on Windows nobody can rewrite, replace
    /// or delete it in between and the digest recorded is of the bytes that were verified. Inputs that are not files (absent
    /// paths, folders) are stamped when held and must be the same when the pass is recorded. Disposing releases every file.
    /// </summary>
    internal sealed class HeldInputs : IDisposable
    {
        private readonly Dictionary<string, FileStream> _files = new Dictionary<string, FileStream>(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _othersWhenHeld = new Dictionary<string, string?>(StringComparer.Ordinal);

        private HeldInputs()
        {
        }

        /// <summary>Set when some file could not be held (another process has it open for writing): no pass can be recorded.</summary>
        public string? Problem { get; private set; }

        public static HeldInputs Hold(VerificationInputs inputs)
        {
            var held = new HeldInputs();
            foreach (var (entry, _) in inputs.Entries)
            {
                held.Add(entry);
            }

            return held;
        }

        /// <summary>The stamp of <paramref name="entry"/> for the pass record, or null when it cannot be trusted to be what was verified.</summary>
        public string? StampForRecord(InputEntry entry)
        {
            if (_files.TryGetValue(entry.Path, out var file))
            {
                return ContentStamp.Of(entry.Path, entry.FollowLinks, file);
            }

            // Not held: it must be as it was before the checks ran (still absent, still a folder).
            var now = ContentStamp.Of(entry.Path, entry.FollowLinks);
            return _othersWhenHeld.TryGetValue(entry.Path, out var before) && before == now ? now : null;
        }

        public void Dispose()
        {
            foreach (var file in _files.Values)
            {
                file.Dispose();
            }

            _files.Clear();
        }

        private void Add(InputEntry entry)
        {
            if (ContentStamp.KindOf(entry.Path, entry.FollowLinks) != EntryKind.File)
            {
                _othersWhenHeld[entry.Path] = ContentStamp.Of(entry.Path, entry.FollowLinks);
                return;
            }

            try
            {
                // FileShare.Read: others may read (the checks, other projects' KeyLock), nobody may write, rename or delete.
                _files[entry.Path] = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Problem = Problem ?? $"{entry.Path} could not be held open for reading ({ex.Message})";
            }
        }
    }
}
