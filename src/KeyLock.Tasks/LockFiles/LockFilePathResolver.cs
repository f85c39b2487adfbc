using System.IO;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>Finds the lock file the way NuGet restore does, so KeyLock checks the same file NuGet wrote.</summary>
    internal static class LockFilePathResolver
    {
        internal const string DefaultFileName = "packages.lock.json";

        /// <summary>
        /// An explicit path wins (relative to the project directory). Otherwise
        /// <c>packages.&lt;project name, spaces as _&gt;.lock.json</c> if it exists, else <c>packages.lock.json</c>.
        /// </summary>
        public static string Resolve(string projectDirectory, string projectName, string? lockFilePath)
        {
            if (!string.IsNullOrWhiteSpace(lockFilePath))
            {
                return Path.GetFullPath(Path.Combine(projectDirectory, lockFilePath!.Trim()));
            }

            if (!string.IsNullOrEmpty(projectName))
            {
                var projectSpecific = Path.Combine(projectDirectory, "packages." + projectName.Replace(' ', '_') + ".lock.json");
                if (File.Exists(projectSpecific))
                {
                    return Path.GetFullPath(projectSpecific);
                }
            }

            return Path.GetFullPath(Path.Combine(projectDirectory, DefaultFileName));
        }
    }
}
