using System;

namespace KeyLock.Tasks.Reporting
{
    /// <summary>
    /// Shortens content hashes for messages: a prefix is enough to tell two hashes apart and to search for,
    /// and keeps 88-character values out of build logs.
    /// </summary>
    internal static class HashText
    {
        internal const int PrefixLength = 12;
        private const string Ellipsis = "\u2026";

        /// <summary>Returns short forms of both hashes that still differ (a hand-edited hash may share the usual prefix).</summary>
        public static (string First, string Second) ShortenPair(string first, string second)
        {
            var length = PrefixLength;
            var common = CommonPrefixLength(first, second);
            if (common >= length)
            {
                length = common + 4;
            }

            return (Shorten(first, length), Shorten(second, length));
        }

        public static string Shorten(string hash, int length = PrefixLength)
        {
            if (hash.Length <= length)
            {
                return hash;
            }

            return hash.Substring(0, length) + Ellipsis;
        }

        private static int CommonPrefixLength(string a, string b)
        {
            var max = Math.Min(a.Length, b.Length);
            var i = 0;
            while (i < max && a[i] == b[i])
            {
                i++;
            }

            return i;
        }
    }
}
