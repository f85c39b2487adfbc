using System;
using System.Runtime.InteropServices;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// What the Linux kernel says about one file: device, inode, size, modification time and status-change time (ctime),
    /// from one <c>statx(2)</c> call (follows symlinks, so it describes the file a read would see). ctime is set by the
    /// kernel to the current time on every write, truncate, rename onto, chmod, link or utimes call and cannot be set from
    /// user space, which is what lets a verdict about the file's bytes outlive one build (see docs/threat-model.md,
    /// "Verdict cache"). Unavailable (false) on Windows, macOS, .NET Framework, kernels or C libraries without statx,
    /// and on file systems outside <see cref="IsLocalFileSystem"/>.
    /// </summary>
    internal readonly struct FileIdentity
    {
        private const int AtFdCwd = -100;
        private const uint StatxType = 0x1, StatxMtime = 0x40, StatxCtime = 0x80, StatxIno = 0x100, StatxSize = 0x200;
        private const uint Needed = StatxType | StatxMtime | StatxCtime | StatxIno | StatxSize;

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, bool> LocalDevices = new System.Collections.Concurrent.ConcurrentDictionary<ulong, bool>();

#if NET
        private static bool _unavailable;
#endif

        private FileIdentity(ulong device, ulong inode, long size, long mtimeSeconds, uint mtimeNanoseconds, long ctimeSeconds, uint ctimeNanoseconds, bool isDirectory)
        {
            IsDirectory = isDirectory;
            Device = device;
            Inode = inode;
            Size = size;
            MtimeSeconds = mtimeSeconds;
            MtimeNanoseconds = mtimeNanoseconds;
            CtimeSeconds = ctimeSeconds;
            CtimeNanoseconds = ctimeNanoseconds;
        }

        public ulong Device { get; }

        public ulong Inode { get; }

        public long Size { get; }

        public long MtimeSeconds { get; }

        public uint MtimeNanoseconds { get; }

        public long CtimeSeconds { get; }

        public uint CtimeNanoseconds { get; }

        /// <summary>The later of ctime and mtime, UTC.</summary>
        public DateTime LastChangeUtc => Later(ToUtc(CtimeSeconds, CtimeNanoseconds), ToUtc(MtimeSeconds, MtimeNanoseconds));

        public string Key => (IsDirectory ? "dir|" : string.Empty) + $"{Size}|m{MtimeSeconds}.{MtimeNanoseconds}|d{Device}|i{Inode}|c{CtimeSeconds}.{CtimeNanoseconds}";

        private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

        // Rounded up to the next 100 ns tick; out-of-range times count as "just now or later" (never settled).
        private static DateTime ToUtc(long seconds, uint nanoseconds) =>
            seconds < 0 || seconds > 253402300798L
                ? DateTime.MaxValue
                : DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.AddTicks((nanoseconds + 99) / 100);

        /// <summary>The identity of a regular file, or false (no identity: callers fall back to path, length and write time only).</summary>
        public static bool TryGet(string path, out FileIdentity identity) =>
            Stat(path, followLinks: true, allowDirectory: false, out identity) == StatOutcome.Found;

        /// <summary>
        /// The identity of a regular file or directory at <paramref name="path"/>; with <paramref name="followLinks"/> false a
        /// symbolic link in the last component is not followed and counts as <see cref="StatOutcome.Unusable"/>.
        /// <see cref="StatOutcome.Absent"/> when nothing is there.
        /// </summary>
        public static StatOutcome TryGetEntry(string path, bool followLinks, out FileIdentity identity) =>
            Stat(path, followLinks, allowDirectory: true, out identity);

        /// <summary>True when the entry is a directory (only ever set by <see cref="TryGetEntry"/>).</summary>
        public bool IsDirectory { get; }

        private static StatOutcome Stat(string path, bool followLinks, bool allowDirectory, out FileIdentity identity)
        {
            identity = default;
#if NET
            if (_unavailable || !OperatingSystem.IsLinux())
            {
                return StatOutcome.Unusable;
            }

            var buffer = new byte[256];
            int result;
            try
            {
                const int AtSymlinkNoFollow = 0x100;
                result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, Needed, buffer);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
            {
                _unavailable = true;
                return StatOutcome.Unusable;
            }

            if (result != 0)
            {
                // ENOENT, ENOTDIR: nothing there (or a parent is not a directory); anything else says nothing certain.
                var error = Marshal.GetLastPInvokeError();
                return error == 2 || error == 20 ? StatOutcome.Absent : StatOutcome.Unusable;
            }

            var mask = BitConverter.ToUInt32(buffer, 0);
            var mode = BitConverter.ToUInt16(buffer, 28);
            const int RegularFile = 0x8000, Directory = 0x4000, FileTypeMask = 0xF000;
            var type = mode & FileTypeMask;
            if ((mask & Needed) != Needed || !(type == RegularFile || (allowDirectory && type == Directory)))
            {
                return StatOutcome.Unusable;
            }

            // struct statx is laid out the same on every Linux architecture (include/uapi/linux/stat.h).
            var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
            identity = new FileIdentity(
                device,
                inode: BitConverter.ToUInt64(buffer, 32),
                size: (long)BitConverter.ToUInt64(buffer, 40),
                mtimeSeconds: BitConverter.ToInt64(buffer, 112),
                mtimeNanoseconds: BitConverter.ToUInt32(buffer, 120),
                ctimeSeconds: BitConverter.ToInt64(buffer, 96),
                ctimeNanoseconds: BitConverter.ToUInt32(buffer, 104),
                isDirectory: type == Directory);
            return StatOutcome.Found;
#else
            _ = path;
            _ = followLinks;
            _ = allowDirectory;
            return StatOutcome.Unusable;
#endif
        }

        /// <summary>True when this file (at <paramref name="path"/>) is on a local file system (<see cref="IsLocalFileSystem"/>), checked once per device.</summary>
        public bool IsOnLocalFileSystem(string path)
        {
            if (LocalDevices.TryGetValue(Device, out var local))
            {
                return local;
            }

            // Only a definite answer is remembered: a failed statfs (the file just went away) says nothing about the device.
            var answer = FileSystemIsLocal(path);
            if (answer.HasValue)
            {
                LocalDevices[Device] = answer.Value;
            }

            return answer == true;
        }

        /// <summary>
        /// True when the folder is on a local file system whose timestamps the kernel keeps (ext2/3/4, XFS, Btrfs, tmpfs,
        /// overlayfs, ZFS, F2FS, bcachefs). Network and FUSE file systems report times their server chooses, so a verdict
        /// keyed by them could be replayed by whoever controls the server: no cross-build verdicts there.
        /// </summary>
        public static bool IsLocalFileSystem(string folder) => FileSystemIsLocal(folder) == true;

        private static bool? FileSystemIsLocal(string folder)
        {
#if NET
            if (_unavailable || !OperatingSystem.IsLinux())
            {
                return false;
            }

            var buffer = new byte[256];
            try
            {
                if (Statfs(folder, buffer) != 0)
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
            {
                return false;
            }

            // f_type is the first member of struct statfs, a word-sized integer on 64-bit Linux; the magic numbers fit 32 bits.
            var type = IntPtr.Size == 8 ? (long)BitConverter.ToUInt64(buffer, 0) : BitConverter.ToUInt32(buffer, 0);
            switch (type)
            {
                case 0xEF53: // ext2/ext3/ext4
                case 0x58465342: // XFS
                case 0x9123683E: // Btrfs
                case 0x01021994: // tmpfs
                case 0x794C7630: // overlayfs
                case 0x2FC12FC1: // ZFS
                case 0xF2F52010: // F2FS
                case 0xCA451A4E: // bcachefs
                    return true;
                default:
                    return false;
            }
#else
            _ = folder;
            return false;
#endif
        }

#if NET
        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

        [DllImport("libc", EntryPoint = "statfs", SetLastError = true)]
        private static extern int Statfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
#endif
    }

    /// <summary>What one <c>statx</c> call could say about a path.</summary>
    internal enum StatOutcome
    {
        /// <summary>A regular file (or an allowed directory) with a full kernel identity.</summary>
        Found,

        /// <summary>Nothing at the path.</summary>
        Absent,

        /// <summary>No usable answer: another file type, a link not followed, an I/O error, or no statx on this platform.</summary>
        Unusable,
    }
}
