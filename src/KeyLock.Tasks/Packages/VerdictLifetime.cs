using System;
using System.Globalization;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// How long a verdict from an earlier build is trusted before the package is verified from scratch again, so a
    /// certificate that expired or a trust root that changed is seen within a day, and how the files that outlive a build
    /// (verdict cache, pass record, signature policy memo) write the time a verdict was made. Kept apart from
    /// <see cref="VerdictStore"/>, whose header loads NuGet, so the fast path can use it without loading NuGet.
    /// </summary>
    internal static class VerdictLifetime
    {
        public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

        // 9999-12-31T23:59:59Z: larger values do not fit DateTime.
        private const long LastRepresentableSecond = 253402300799L;

        /// <summary>Whether something verified at <paramref name="verifiedUtc"/> may still be trusted at <paramref name="now"/> (never when it claims to come from the future).</summary>
        public static bool IsFresh(DateTime verifiedUtc, DateTime now) => verifiedUtc <= now && now - verifiedUtc < MaxAge;

        /// <summary><paramref name="utc"/> as Unix seconds, the form every such file writes.</summary>
        public static string ToSeconds(DateTime utc) =>
            new DateTimeOffset(utc).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        /// <summary>Reads what <see cref="ToSeconds"/> wrote; false for anything else (signs, spaces, years past 9999).</summary>
        public static bool TryParseSeconds(string text, out DateTime utc)
        {
            utc = default;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > LastRepresentableSecond)
            {
                return false;
            }

            utc = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
            return true;
        }
    }
}
