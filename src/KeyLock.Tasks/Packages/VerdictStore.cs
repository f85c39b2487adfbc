using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// The verdict cache ($(KeyLockVerificationCache), on by default; a file under the project's obj/ folder): passes of the
    /// content-hash, extracted-file and signature checks from earlier builds, keyed by everything each verdict depends on,
    /// including the device, inode, size, mtime and ctime of every file involved (<see cref="FileStamp"/>). Only settled
    /// stamps on local file systems are saved, and every entry expires <see cref="MaxAge"/> after it was verified, so a
    /// certificate that expired or a trust root that changed is seen within a day. What an attacker can and cannot do
    /// against it is in docs/threat-model.md ("Verdict cache"). Failures are never cached. Reading or writing the file never
    /// fails the build: a missing, stale or malformed file just means everything is verified again.
    /// </summary>
    internal static class VerdictStore
    {
        public const string HashPrefix = "H\t";
        public const string PassPrefix = "P\t";
        public const string FactsPrefix = "F\t";

        /// <summary>How long a saved verdict is trusted before the package is verified from scratch again.</summary>
        public static TimeSpan MaxAge => VerdictLifetime.MaxAge;

        private const string Magic = "KeyLock verdict cache v1";

        /// <summary>Everything every verdict depends on besides its key: KeyLock's build and NuGet's.</summary>
        public static string Header { get; } =
            Magic + "\t" + typeof(VerdictStore).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "\t" +
            typeof(NuGet.Packaging.PackageArchiveReader).Assembly.ManifestModule.ModuleVersionId.ToString("N");

        /// <summary>Adds the unexpired verdicts of <paramref name="path"/> to the build's cache; false when there were none.</summary>
        public static int Load(string path, ContentHashCache cache)
        {
            if (!cache.BeginLoad(path))
            {
                return 0;
            }

            string[] lines;
            try
            {
                if (!File.Exists(path))
                {
                    return 0;
                }

                lines = File.ReadAllLines(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return 0;
            }

            // The last line repeats the entry count, so a torn or truncated file is ignored whole.
            if (lines.Length < 2 || lines[0] != Header || lines[lines.Length - 1] != "end\t" + (lines.Length - 2).ToString(CultureInfo.InvariantCulture))
            {
                return 0;
            }

            var now = DateTime.UtcNow;
            var loaded = 0;
            for (var i = 1; i < lines.Length - 1; i++)
            {
                // <unix seconds verified>\t<entry>
                var line = lines[i];
                var tab = line.IndexOf('\t');
                if (tab <= 0 || !VerdictLifetime.TryParseSeconds(line.Substring(0, tab), out var verified))
                {
                    return loaded;
                }

                var entry = line.Substring(tab + 1);
                var valid = entry.StartsWith(PassPrefix, StringComparison.Ordinal)
                    || (entry.StartsWith(HashPrefix, StringComparison.Ordinal) && entry.IndexOf('\t', HashPrefix.Length) > 0)
                    || (entry.StartsWith(FactsPrefix, StringComparison.Ordinal) && entry.IndexOf('\t', FactsPrefix.Length) > 0);
                if (valid && VerdictLifetime.IsFresh(verified, now))
                {
                    cache.AddLoaded(entry, verified);
                    loaded++;
                }
            }

            return loaded;
        }

        /// <summary>Writes the build's durable verdicts (unexpired) to <paramref name="path"/>, atomically; the reason on failure.</summary>
        public static string? Save(string path, ContentHashCache cache)
        {
            // Sorted as strings, not as key-value pairs: LINQ over a struct element type is JIT-compiled afresh in every build.
            var now = DateTime.UtcNow;
            var keys = new List<string>();
            foreach (var entry in cache.DurableVerdicts)
            {
                if (VerdictLifetime.IsFresh(entry.Value, now) && entry.Key.IndexOf('\n') < 0 && entry.Key.IndexOf('\r') < 0)
                {
                    keys.Add(entry.Key);
                }
            }

            keys.Sort(StringComparer.Ordinal);
            var text = new StringBuilder(Header).Append('\n');
            var written = 0;
            foreach (var key in keys)
            {
                if (cache.TryGetDurableVerdict(key, out var verifiedUtc))
                {
                    text.Append(VerdictLifetime.ToSeconds(verifiedUtc)).Append('\t').Append(key).Append('\n');
                    written++;
                }
            }

            text.Append("end\t").Append(written.ToString(CultureInfo.InvariantCulture)).Append('\n');
            return AtomicFile.Write(path, text.ToString());
        }
    }
}
