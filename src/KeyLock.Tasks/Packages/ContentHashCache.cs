using System;
using System.Collections.Concurrent;
using System.IO;
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

        public void Add(FileStamp stamp, string hash) => _hashes[stamp.Key] = hash;

        /// <summary>True when a check already passed for exactly this key in this build.</summary>
        public bool IsPassed(string key) => _passed.ContainsKey(key);

        /// <summary>Records a pass; failures are never cached, so they are reported by every project that uses the package.</summary>
        public void MarkPassed(string key) => _passed[key] = true;

        // Other per-build caches (package facts for the supply-chain policy) live with this one, so a build registers one object.
        private readonly ConcurrentDictionary<Type, object> _companions = new ConcurrentDictionary<Type, object>();

        /// <summary>A per-build companion cache of type <typeparamref name="T"/>, created on first use.</summary>
        public T Companion<T>()
            where T : class, new() =>
            (T)_companions.GetOrAdd(typeof(T), _ => new T());
    }

    /// <summary>Identifies one state of a file cheaply: any rewrite changes the length or the write time.</summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        private FileStamp(string key)
        {
            Key = key;
        }

        public string Key { get; }

        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return new FileStamp(info.FullName + "|" + info.Length + "|" + info.LastWriteTimeUtc.Ticks);
        }

        public bool Equals(FileStamp other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => Key == null ? 0 : StringComparer.Ordinal.GetHashCode(Key);
    }
}
