using System;
using NuGet.Frameworks;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// Parses the framework names of lock and assets files. NuGet's parser first builds its framework-name tables (every
    /// identifier, alias and mapping it knows), which took longer than reading both files in a build after a restore; the
    /// names restore writes for today's projects ("net10.0", "netstandard2.0") need none of it, so those are built directly
    /// as the same framework NuGet's parser returns (a test compares both), and every other name goes to NuGet's parser.
    /// </summary>
    internal static class FrameworkNames
    {
        private const string NetPrefix = "net";
        private const string NetStandardPrefix = "netstandard";

        // From .NET 5 on, "netM.m" is .NET (Core); below that the same spelling means .NET Framework.
        private const int FirstDotNetMajor = 5;

        public static NuGetFramework Parse(string name) =>
            TryParseCommon(name) ?? NuGetFramework.Parse(name);

        /// <summary>"netM.m" (M ≥ 5) and "netstandardM.m", lower case, one-digit minor, nothing after; else null.</summary>
        internal static NuGetFramework? TryParseCommon(string name)
        {
            if (name.StartsWith(NetStandardPrefix, StringComparison.Ordinal))
            {
                return TryVersion(name, NetStandardPrefix.Length, out var major, out var minor)
                    ? new NuGetFramework(FrameworkConstants.FrameworkIdentifiers.NetStandard, new Version(major, minor, 0, 0))
                    : null;
            }

            if (name.StartsWith(NetPrefix, StringComparison.Ordinal))
            {
                return TryVersion(name, NetPrefix.Length, out var major, out var minor) && major >= FirstDotNetMajor
                    ? new NuGetFramework(FrameworkConstants.FrameworkIdentifiers.NetCoreApp, new Version(major, minor, 0, 0))
                    : null;
            }

            return null;
        }

        // "M.m" or "MM.m" from start to the end of the name, no leading zero.
        private static bool TryVersion(string name, int start, out int major, out int minor)
        {
            major = minor = 0;
            var dot = name.IndexOf('.', start);
            var majorLength = dot - start;
            if (majorLength < 1 || majorLength > 2 || dot != name.Length - 2 || name[start] == '0')
            {
                return false;
            }

            for (var i = start; i < dot; i++)
            {
                if (!IsDigit(name[i]))
                {
                    return false;
                }

                major = (major * 10) + (name[i] - '0');
            }

            if (!IsDigit(name[dot + 1]))
            {
                return false;
            }

            minor = name[dot + 1] - '0';
            return true;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
