using System;
using System.IO;
using System.Text.Json;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// The source a cached package claims to come from: the top-level <c>"source"</c> of its <c>.nupkg.metadata</c>
    /// (<c>{"version": 2, "contentHash": "…", "source": "https://api.nuget.org/v3/index.json"}</c>, written by NuGet at
    /// extraction). Read with a forward-only reader because the signature check asks for every package in every build,
    /// and NuGet 8's reader of this file sets up System.Text.Json's reflection-based serializer first, which cost more
    /// than the rest of a reused signature verdict. The claim is untrusted input either way (<see cref="RestoreSources"/>).
    /// </summary>
    internal static class ClaimedSource
    {
        private const string SourceProperty = "source";

        // NuGet writes a few hundred bytes; a file in the packages folder far larger than that is not read into memory.
        internal const long MaxLength = 1024 * 1024;

        /// <summary>The claimed source; null when the file is missing, unreadable, too large, not JSON, or names no source.</summary>
        public static string? Read(string metadataPath)
        {
            byte[] bytes;
            try
            {
                if (!File.Exists(metadataPath))
                {
                    return null;
                }

                using (var stream = new FileStream(metadataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    if (stream.Length > MaxLength)
                    {
                        return null;
                    }

                    bytes = new byte[stream.Length];
                    if (Streams.ReadFull(stream, bytes, bytes.Length) < bytes.Length)
                    {
                        return null;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }

            try
            {
                return SourceOf(bytes);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        internal static string? SourceOf(byte[] utf8)
        {
            var start = JsonFiles.BodyStart(utf8);
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(utf8, start, utf8.Length - start), JsonFiles.Lenient);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? source = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSource = reader.ValueTextEquals(SourceProperty);
                reader.Read();
                if (isSource)
                {
                    // A repeated property: the last one wins, as in NuGet's reader.
                    source = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Skip();
                }
            }

            // Whatever follows the object must be nothing: a file that is not one JSON document claims nothing.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }

            return string.IsNullOrEmpty(source) ? null : source;
        }
    }
}
