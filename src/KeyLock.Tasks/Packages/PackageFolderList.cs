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
        private static readonly StringComparer PathComparer =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

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

        private static string TrimTrailingSeparators(string path)
        {
            var root = Path.GetPathRoot(path) ?? string.Empty;
            var end = path.Length;
            while (end > root.Length && (path[end - 1] == Path.DirectorySeparatorChar || path[end - 1] == Path.AltDirectorySeparatorChar))
            {
                end--;
            }

            return path.Substring(0, end);
        }
    }
}
