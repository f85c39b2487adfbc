using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// Cleans the PackageFolders input ("$(NuGetPackageRoot);$(NuGetPackageFolders)"): the global packages folder
    /// usually appears twice, once with a trailing slash.
    /// </summary>
    internal static class PackageFolderList
    {
        private static readonly bool IgnoreCase = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// How two full paths name the same file: ignoring case on Windows (case-insensitive file systems), exactly elsewhere.
        /// Every table keyed by a path into a packages folder uses it, so a file reached through two spellings is one file.
        /// </summary>
        public static readonly StringComparer PathComparer = IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>Full paths in the given order (global packages folder first), without empties or duplicates.</summary>
        public static IReadOnlyList<string> Normalize(IEnumerable<ITaskItem>? items, string projectDirectory)
        {
            var result = new List<string>();
            var seen = new HashSet<string>(PathComparer);
            if (items == null)
            {
                return result;
            }

            foreach (var item in items)
            {
                var spec = item?.ItemSpec?.Trim();
                if (string.IsNullOrEmpty(spec))
                {
                    continue;
                }

                var full = TrimTrailingSeparators(Path.GetFullPath(Path.Combine(projectDirectory, spec!)));
                if (seen.Add(full))
                {
                    result.Add(full);
                }
            }

            return result;
        }

        /// <summary>True when <paramref name="fullPath"/> is inside one of the <see cref="Normalize">normalized</see> folders.</summary>
        public static bool Contains(IReadOnlyList<string> folders, string fullPath) => RelativePath(folders, fullPath) != null;

        /// <summary>
        /// <paramref name="fullPath"/> relative to the first of the <see cref="Normalize">normalized</see> folders that holds it,
        /// '/'-separated; null when none does.
        /// </summary>
        public static string? RelativePath(IReadOnlyList<string> folders, string fullPath)
        {
            var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var folder in folders)
            {
                // A normalized folder ends in a separator only when it is a root (C:\, /).
                if (folder.Length > 0 && fullPath.Length > folder.Length && fullPath.StartsWith(folder, comparison))
                {
                    if (IsSeparator(folder[folder.Length - 1]))
                    {
                        return ForwardSlashes(fullPath.Substring(folder.Length));
                    }

                    if (IsSeparator(fullPath[folder.Length]))
                    {
                        return ForwardSlashes(fullPath.Substring(folder.Length + 1));
                    }
                }
            }

            return null;
        }

        private static string ForwardSlashes(string path) => path.Replace('\\', '/');

        private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;

        private static string TrimTrailingSeparators(string path)
        {
            var root = Path.GetPathRoot(path) ?? string.Empty;
            var end = path.Length;
            while (end > root.Length && IsSeparator(path[end - 1]))
            {
                end--;
            }

            return path.Substring(0, end);
        }
    }
}
