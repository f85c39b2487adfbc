using System;
using System.IO;
using System.Text;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// The file format of KeyLock's records that outlive a build (the pass record, the signature policy memo): a first line
    /// naming the format, tab-separated fields one record per line, and a last line with the SHA-256 of everything above
    /// it, so a torn, truncated or garbled file is ignored whole. Fields are escaped, so no value can add a line or field.
    /// </summary>
    internal static class SealedText
    {
        private const string EndField = "end\t";

        /// <summary>The sealed text of <paramref name="body"/>, which starts with the format line and ends with a newline.</summary>
        public static string Seal(string body) => body + EndField + TextDigest.Sha256Hex(body) + "\n";

        /// <summary>
        /// The lines between the format line and the seal, split into fields; null when the file is missing, unreadable, of
        /// another format, or does not match its seal.
        /// </summary>
        public static string[][]? Open(string path, string format)
        {
            string text;
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }

            var endAt = text.LastIndexOf(EndField, StringComparison.Ordinal);
            if (endAt <= 0 || text[endAt - 1] != '\n' || text.Substring(endAt + EndField.Length).TrimEnd('\n') != TextDigest.Sha256Hex(text.Substring(0, endAt)))
            {
                return null;
            }

            var lines = text.Substring(0, endAt - 1).Split('\n');
            if (lines[0] != format)
            {
                return null;
            }

            var records = new string[lines.Length - 1][];
            for (var i = 1; i < lines.Length; i++)
            {
                records[i - 1] = lines[i].Split('\t');
            }

            return records;
        }

        public static string Escape(string text) =>
            text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");

        public static string Unescape(string text)
        {
            var result = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '\\' || i + 1 == text.Length)
                {
                    result.Append(text[i]);
                    continue;
                }

                var next = text[++i];
                result.Append(next == 't' ? '\t' : next == 'r' ? '\r' : next == 'n' ? '\n' : next);
            }

            return result.ToString();
        }

        /// <summary>An input line's fields after its tag: link rule, path, stamp.</summary>
        public static string InputFields(InputEntry entry, string stamp) =>
            (entry.FollowLinks ? "follow" : "nofollow") + "\t" + Escape(entry.Path) + "\t" + stamp;

        /// <summary>Reads the fields <see cref="InputFields"/> wrote (after the tag at index 0); false when they are not that.</summary>
        public static bool TryParseInput(string[] fields, out InputEntry entry, out string stamp)
        {
            entry = default;
            stamp = string.Empty;
            if (fields.Length != 4 || (fields[1] != "follow" && fields[1] != "nofollow") || fields[3].Length == 0)
            {
                return false;
            }

            entry = new InputEntry(Unescape(fields[2]), fields[1] == "follow");
            stamp = fields[3];
            return true;
        }
    }
}
