using System.IO;
using System.Threading;
using NuGet.Packaging;

namespace KeyLock.Tasks.Packages
{
    /// <summary>
    /// Recomputes the hash NuGet writes into packages.lock.json, from the .nupkg bytes.
    /// </summary>
    internal static class ContentHasher
    {
        private const int BufferSize = 81920;

        /// <summary>
        /// Base64 SHA-512 of the package with its <c>.signature.p7s</c> entry left out (for an unsigned package,
        /// of the whole file). NuGet's own API does the signature-aware part. No callback is passed, so it never
        /// falls back to the .nupkg.sha512 or .nupkg.metadata text files, which anyone who can change the .nupkg
        /// can change too. The file is streamed; only the zip central directory is held in memory.
        /// </summary>
        /// <exception cref="InvalidDataException">The file is not a readable zip archive.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static string Compute(string nupkgPath, CancellationToken cancellationToken)
        {
            FileStream? stream = new FileStream(nupkgPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
            try
            {
                using (var reader = new PackageArchiveReader(stream, leaveStreamOpen: false))
                {
                    stream = null;
                    return reader.GetContentHash(cancellationToken, GetUnsignedPackageHash: null);
                }
            }
            finally
            {
                // Only set when the reader's constructor threw before taking ownership of the stream.
                stream?.Dispose();
            }
        }
    }
}
