using System;
using System.Runtime.InteropServices;
using KeyLock.Tasks.Packages;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>How the fast path tells that an input of the last passing verification is unchanged.</summary>
    internal enum ChangeDetection
    {
        /// <summary>No way a writer of the packages folder could not fool: every build verifies fully (macOS, network file systems).</summary>
        None,

        /// <summary>Linux: device, inode, size, mtime and ctime from one <c>statx</c> per input (<see cref="FileIdentity"/>).</summary>
        KernelIdentity,

        /// <summary>
        /// Windows: the SHA-256 of every input file, taken while the package files are held open without write or delete
        /// sharing (<see cref="HeldInputs"/>), so the bytes digested are the bytes verified. Windows has no timestamp a
        /// user cannot set (its change time is writable through SetFileInformationByHandle), so only the content can say a
        /// file is unchanged; hashing is also what the issue measures against as the floor.
        /// </summary>
        ContentDigest,
    }

    /// <summary>Picks the <see cref="ChangeDetection"/> for a build from $(KeyLockChangeDetection) and the platform.</summary>
    internal static class ChangeDetectionChoice
    {
        public const string Automatic = "auto";

        /// <summary>Forces content digests; on systems other than Windows only for tests and benchmarks (see <see cref="For"/>).</summary>
        public const string Content = "content";

        /// <summary>
        /// The mode for a project in <paramref name="projectDirectory"/>; null with <paramref name="problem"/> set when
        /// <paramref name="requested"/> is not a known value. Automatic: the kernel identity where statx works on a local
        /// file system, content digests on Windows, else none. Content digests are never chosen automatically elsewhere:
        /// only Windows enforces the share modes that keep a held file from being rewritten between its check and its
        /// digest (Linux and macOS locks are advisory), so a writer racing the verifying build could get unverified bytes
        /// recorded. Requesting them anyway is for testing the Windows code path on other systems.
        /// </summary>
        public static ChangeDetection? For(string? requested, string projectDirectory, out string? problem)
        {
            problem = null;
            var value = (requested ?? string.Empty).Trim();
            if (value.Equals(Content, StringComparison.OrdinalIgnoreCase))
            {
                return ChangeDetection.ContentDigest;
            }

            if (value.Length > 0 && !value.Equals(Automatic, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"'{value}' is not a change detection mode (use '{Automatic}' or '{Content}')";
                return null;
            }

            if (FileIdentity.TryGetEntry(projectDirectory, followLinks: true, out var identity) == StatOutcome.Found && identity.IsOnLocalFileSystem(projectDirectory))
            {
                return ChangeDetection.KernelIdentity;
            }

            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ChangeDetection.ContentDigest : ChangeDetection.None;
        }
    }
}
