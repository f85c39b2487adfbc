using System.Text.Json;

namespace KeyLock.Tasks
{
    /// <summary>
    /// What KeyLock's readers of JSON files (the lock and assets files, .nupkg.metadata, keylock.json) share: NuGet's
    /// leniency, so a file NuGet accepts is never rejected here, and a UTF-8 byte-order mark skipped.
    /// </summary>
    internal static class JsonFiles
    {
        public static readonly JsonReaderOptions Lenient = new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        };

        /// <summary><see cref="Lenient"/> for <see cref="JsonDocument"/>.</summary>
        public static readonly JsonDocumentOptions LenientDocument = new JsonDocumentOptions
        {
            AllowTrailingCommas = Lenient.AllowTrailingCommas,
            CommentHandling = Lenient.CommentHandling,
        };

        /// <summary>Where the JSON text starts: after a UTF-8 byte-order mark, if there is one.</summary>
        public static int BodyStart(byte[] utf8) =>
            utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;

        /// <summary>A value's JSON kind in words, for messages that say what was found instead of what was expected.</summary>
        public static string Describe(JsonElement value) => Describe(value.ValueKind);

        /// <summary>A JSON kind in words ("an object", "a string"…).</summary>
        public static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
