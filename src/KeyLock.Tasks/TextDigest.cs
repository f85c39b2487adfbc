using System;
using System.Security.Cryptography;
using System.Text;

namespace KeyLock.Tasks
{
    internal static class TextDigest
    {
        /// <summary>The SHA-256 of <paramref name="text"/>'s UTF-8 bytes, as upper-case hex without separators.</summary>
        public static string Sha256Hex(string text)
        {
            using (var sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
            }
        }
    }
}
