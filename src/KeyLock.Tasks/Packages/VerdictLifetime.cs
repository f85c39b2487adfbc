using System;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// How long a verdict from an earlier build is trusted before the package is verified from scratch again, so a
    /// certificate that expired or a trust root that changed is seen within a day. Kept apart from <see cref="VerdictStore"/>,
    /// whose header loads NuGet, so the fast path can use it without loading NuGet.
    /// </summary>
    internal static class VerdictLifetime
    {
        public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    }
}
