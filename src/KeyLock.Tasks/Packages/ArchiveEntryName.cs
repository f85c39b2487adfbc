using System;

namespace KeyLock.Tasks.Packages
{
    /// <summary>Zip entry names as NuGet writes and reads them: '/'-separated, percent-encoded, relative.</summary>
    internal static class ArchiveEntryName
    {
        /// <summary>The package-relative path NuGet extracts an entry to (it unescapes %XX sequences).</summary>
        public static string ToRelativePath(string entryName)
        {
            var path = entryName.Replace('\\', '/');
            try
            {
                return Uri.UnescapeDataString(path);
            }
            catch (UriFormatException)
            {
                return path;
            }
        }

        /// <summary>Why a package-relative path would leave the package folder, or null when it stays inside.</summary>
        public static string? Unsafe(string relativePath)
        {
            if (relativePath.Length == 0)
            {
                return "an empty name";
            }

            if (relativePath.IndexOf('\0') >= 0)
            {
                return "a NUL character";
            }

            if (relativePath[0] == '/' || relativePath[0] == '\\')
            {
                return "an absolute path";
            }

            if (relativePath.Length >= 2 && relativePath[1] == ':')
            {
                return "a drive-rooted path";
            }

            foreach (var segment in relativePath.Split('/', '\\'))
            {
                if (segment == "..")
                {
                    return "a '..' segment";
                }
            }

            return null;
        }
    }
}
