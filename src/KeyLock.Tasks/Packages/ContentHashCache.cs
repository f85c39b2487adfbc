using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using KeyLock.Tasks.Inspection;
using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// Content hashes already verified in this build (and the passes of the other per-package checks), keyed by the archive's path, length and last write time,
    /// so a solution build hashes each package once rather than once per project. It is registered with MSBuild
    /// for one build only: tampering between builds is still caught by the next build.
    /// </summary>
    internal sealed class ContentHashCache
    {
        // Includes the module version id: two KeyLock versions in one build must not share (or mis-cast) each other's cache.
        private static readonly string RegistrationKey =
            "KeyLock.Tasks.ContentHashCache:" + typeof(ContentHashCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

        private static readonly object RegistrationLock = new object();

        /// <summary>When this build's cache was created: every in-memory verdict of this build is younger.</summary>
        public DateTime CreatedUtc { get; } = DateTime.UtcNow;

        /// <summary>
        /// <see cref="CreatedUtc"/> minus <see cref="FileStamp.SettleTime"/>: a file whose last change is older than this was
        /// settled when any verdict of this build about it was made, so it may key what outlives the build.
        /// </summary>
        public DateTime SettledBefore => CreatedUtc - FileStamp.SettleTime;

        private readonly ConcurrentDictionary<string, string> _hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        // Other checks' passes (extracted files, signatures), keyed by everything their verdict depends on.
        private readonly ConcurrentDictionary<string, bool> _passed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>The build-wide cache, or a private one when the engine cannot hold task objects.</summary>
        public static ContentHashCache ForBuild(IBuildEngine? engine)
        {
            if (!(engine is IBuildEngine4 engine4))
            {
                return new ContentHashCache();
            }

            lock (RegistrationLock)
            {
                if (engine4.GetRegisteredTaskObject(RegistrationKey, RegisteredTaskObjectLifetime.Build) is ContentHashCache existing)
                {
                    return existing;
                }

                var created = new ContentHashCache();
                engine4.RegisterTaskObject(RegistrationKey, created, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
                return created;
            }
        }

        public bool TryGet(FileStamp stamp, out string hash) => _hashes.TryGetValue(stamp.Key, out hash!);

        public void Add(FileStamp stamp, string hash)
        {
            _hashes[stamp.Key] = hash;
            if (stamp.Settled && stamp.Key.IndexOf('\t') < 0)
            {
                _durable[VerdictStore.HashPrefix + stamp.Key + "\t" + hash] = DateTime.UtcNow;
            }
        }

        /// <summary>True when a check already passed for exactly this key in this build.</summary>
        public bool IsPassed(string key) => _passed.ContainsKey(key);

        /// <summary>Whether any passed verdict's key starts with <paramref name="prefix"/> (a scan: for a look per package, not per file).</summary>
        public bool HasPassedWithPrefix(string prefix)
        {
            foreach (var key in _passed.Keys)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records a pass; failures are never cached, so they are reported by every project that uses the package.</summary>
        public void MarkPassed(string key) => MarkPassed(key, durable: false);

        /// <summary>
        /// Records a pass; <paramref name="durable"/> when every file stamp in the key is <see cref="FileStamp.Settled"/> and
        /// was the same after the check as before, so the verdict may be saved in the verdict cache for later builds.
        /// </summary>
        public void MarkPassed(string key, bool durable)
        {
            _passed[key] = true;
            if (durable)
            {
                _durable[VerdictStore.PassPrefix + key] = DateTime.UtcNow;
            }
        }

        // Verdicts that may outlive the build (see VerdictStore), with when they were first verified.
        private readonly ConcurrentDictionary<string, DateTime> _durable = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, bool> _loadedStores = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Verdicts to save, with when each was verified.</summary>
        internal IEnumerable<KeyValuePair<string, DateTime>> DurableVerdicts => _durable;

        internal bool TryGetDurableVerdict(string key, out DateTime verifiedUtc) => _durable.TryGetValue(key, out verifiedUtc);

        /// <summary>When the oldest durable verdict was verified, or <paramref name="now"/> when none is older.</summary>
        internal DateTime OldestDurableVerdict(DateTime now)
        {
            var oldest = now;
            foreach (var verdict in _durable)
            {
                if (verdict.Value < oldest)
                {
                    oldest = verdict.Value;
                }
            }

            return oldest;
        }

        /// <summary>Adds verdicts read from a verdict cache file, once per file per build.</summary>
        internal bool BeginLoad(string storePath) => _loadedStores.TryAdd(storePath, true);

        /// <summary>Supply-chain facts already read from an archive in exactly this state (this build or a saved verdict cache).</summary>
        public bool TryGetFacts(FileStamp stamp, out PackageFacts facts) => _facts.TryGetValue(stamp.Key, out facts!);

        /// <summary>Remembers facts read from an archive; <paramref name="durable"/> when the stamp is settled and did not change while reading.</summary>
        public void AddFacts(FileStamp stamp, PackageFacts facts, bool durable)
        {
            _facts[stamp.Key] = facts;
            var text = durable && stamp.Settled && stamp.Key.IndexOf('\t') < 0 ? PackageFactsText.Encode(facts) : null;
            if (text != null)
            {
                _durable[VerdictStore.FactsPrefix + stamp.Key + "\t" + text] = DateTime.UtcNow;
            }
        }

        private readonly ConcurrentDictionary<string, PackageFacts> _facts = new ConcurrentDictionary<string, PackageFacts>(StringComparer.Ordinal);

        internal void AddLoaded(string entry, DateTime verifiedUtc)
        {
            if (entry.StartsWith(VerdictStore.FactsPrefix, StringComparison.Ordinal))
            {
                var tab = entry.IndexOf('\t', VerdictStore.FactsPrefix.Length);
                var facts = PackageFactsText.Decode(entry.Substring(tab + 1));
                if (facts == null)
                {
                    return;
                }

                _facts.TryAdd(entry.Substring(VerdictStore.FactsPrefix.Length, tab - VerdictStore.FactsPrefix.Length), facts);
            }
            else if (entry.StartsWith(VerdictStore.HashPrefix, StringComparison.Ordinal))
            {
                var tab = entry.LastIndexOf('\t');
                _hashes.TryAdd(entry.Substring(VerdictStore.HashPrefix.Length, tab - VerdictStore.HashPrefix.Length), entry.Substring(tab + 1));
            }
            else
            {
                _passed.TryAdd(entry.Substring(VerdictStore.PassPrefix.Length), true);
            }

            _durable.TryAdd(entry, verifiedUtc);
        }
    }

    /// <summary>
    /// Identifies one state of a file cheaply: any rewrite changes the length or the write time. On Linux it also carries the
    /// device, inode and ctime (<see cref="FileIdentity"/>), which no user-space write can keep; only such stamps, of files
    /// whose last change is older than <see cref="SettleTime"/>, may key verdicts that outlive the build. A file held for
    /// content digests (<see cref="Incremental.HeldInputs"/>, Windows) is stamped by its SHA-256 instead, which may too.
    /// </summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        /// <summary>
        /// A file changed less than this long before it was stamped may change again within the same timestamp tick
        /// (ctime granularity is the kernel's coarse clock), so its verdict is kept for this build only.
        /// </summary>
        public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

        private FileStamp(string key, long length, bool settled)
        {
            Key = key;
            Length = length;
            Settled = settled;
        }

        public string Key { get; }

        public long Length { get; }

        /// <summary>True when the stamp includes the kernel's identity and ctime and the file had not changed for <see cref="SettleTime"/>.</summary>
        public bool Settled { get; }

        public static FileStamp Of(string path)
        {
            var fullPath = Path.GetFullPath(path);

            // A file held open without write sharing for this verification (content digests, Windows) cannot change until
            // the verification ends, so its digest identifies these exact bytes across builds.
            if (Incremental.HeldInputs.TryGetHeldDigest(fullPath, out var digest, out var length))
            {
                return new FileStamp(fullPath + "|" + digest, length, settled: true);
            }

            if (FileIdentity.TryGet(fullPath, out var identity))
            {
                var settled = DateTime.UtcNow - identity.LastChangeUtc > SettleTime && identity.IsOnLocalFileSystem(fullPath);
                return new FileStamp(fullPath + "|" + identity.Key, identity.Size, settled);
            }

            var info = new FileInfo(fullPath);
            return new FileStamp(info.FullName + "|" + info.Length + "|" + info.LastWriteTimeUtc.Ticks, info.Length, settled: false);
        }

        public bool Equals(FileStamp other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => Key == null ? 0 : StringComparer.Ordinal.GetHashCode(Key);
    }
}
