using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// What the last passing verification of one project depended on and what it logged: the task parameters' fingerprint,
    /// KeyLock's build, when its oldest verdict was verified, and the stamp of every input path (<see cref="InputEntry"/>).
    /// Stored next to the verdict cache; the last line holds a SHA-256 of everything above it, so a torn, truncated or
    /// garbled file is ignored whole. Reading never throws for bad content: it returns null and the build verifies fully.
    /// </summary>
    internal sealed class PassRecord
    {
        private const string Magic = "KeyLock pass record v1";

        public string Build { get; set; } = string.Empty;

        public string Parameters { get; set; } = string.Empty;

        /// <summary>When the oldest verdict behind this pass was verified (UTC); the pass expires with it.</summary>
        public DateTime VerifiedUtc { get; set; }

        public int PackageCount { get; set; }

        /// <summary>The "KeyLock: verified N packages …" line of the verification that passed.</summary>
        public string Summary { get; set; } = string.Empty;

        public List<(MessageImportance Importance, string Text)> Messages { get; } = new List<(MessageImportance, string)>();

        /// <summary>The warnings the pass reported (errors are never recorded: a build with an error verifies fully next time).</summary>
        public List<Finding> Warnings { get; } = new List<Finding>();

        public List<(InputEntry Entry, string Stamp)> Inputs { get; } = new List<(InputEntry, string)>();

        public static PassRecord? Read(string path)
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

            var endAt = text.LastIndexOf("end\t", StringComparison.Ordinal);
            if (endAt <= 0 || text[endAt - 1] != '\n' || text.Substring(endAt + 4).TrimEnd('\n') != Checksum(text.Substring(0, endAt)))
            {
                return null;
            }

            var record = new PassRecord();
            var lines = text.Substring(0, endAt).Split('\n');
            if (lines[0] != Magic)
            {
                return null;
            }

            for (var i = 1; i < lines.Length - 1; i++)
            {
                if (!record.TryParse(lines[i].Split('\t')))
                {
                    return null;
                }
            }

            return record.Build.Length > 0 && record.Parameters.Length > 0 && record.Summary.Length > 0 && record.VerifiedUtc != default ? record : null;
        }

        /// <summary>Writes atomically; the reason on failure (the next build then verifies fully).</summary>
        public string? Write(string path)
        {
            var text = new StringBuilder(Magic).Append('\n')
                .Append("build\t").Append(Build).Append('\n')
                .Append("parameters\t").Append(Parameters).Append('\n')
                .Append("verified\t").Append(new DateTimeOffset(VerifiedUtc).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("packages\t").Append(PackageCount.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("summary\t").Append(Escape(Summary)).Append('\n');
            foreach (var (importance, message) in Messages)
            {
                text.Append("message\t").Append(((int)importance).ToString(CultureInfo.InvariantCulture)).Append('\t').Append(Escape(message)).Append('\n');
            }

            foreach (var warning in Warnings)
            {
                var at = warning.Location;
                text.Append("warning\t").Append(warning.Code.Id).Append('\t').Append(Escape(at.File ?? string.Empty)).Append('\t')
                    .Append(at.Line.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(at.Column.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(Escape(warning.Message)).Append('\n');
            }

            foreach (var (entry, stamp) in Inputs)
            {
                text.Append("input\t").Append(entry.FollowLinks ? "follow" : "nofollow").Append('\t').Append(Escape(entry.Path)).Append('\t').Append(stamp).Append('\n');
            }

            var body = text.ToString();
            return AtomicFile.Write(path, body + "end\t" + Checksum(body) + "\n");
        }

        private bool TryParse(string[] fields)
        {
            switch (fields[0])
            {
                case "build" when fields.Length == 2:
                    Build = fields[1];
                    return true;
                case "parameters" when fields.Length == 2:
                    Parameters = fields[1];
                    return true;
                case "verified" when fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799L:
                    VerifiedUtc = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
                    return true;
                case "packages" when fields.Length == 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count):
                    PackageCount = count;
                    return true;
                case "summary" when fields.Length == 2:
                    Summary = Unescape(fields[1]);
                    return true;
                case "message" when fields.Length == 3 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var importance) && importance <= (int)MessageImportance.Low:
                    Messages.Add(((MessageImportance)importance, Unescape(fields[2])));
                    return true;
                case "warning" when fields.Length == 6
                    && KeyLockCodes.All.Any(c => c.Id == fields[1])
                    && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                    && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var column):
                    Warnings.Add(new Finding(KeyLockCodes.All.First(c => c.Id == fields[1]), new SourceLocation(Unescape(fields[2]), line, column), Unescape(fields[5])));
                    return true;
                case "input" when fields.Length == 4 && (fields[1] == "follow" || fields[1] == "nofollow") && fields[3].Length > 0:
                    Inputs.Add((new InputEntry(Unescape(fields[2]), fields[1] == "follow"), fields[3]));
                    return true;
                default:
                    return false;
            }
        }

        private static string Checksum(string body)
        {
            using (var sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(body))).Replace("-", string.Empty);
            }
        }

        private static string Escape(string text) =>
            text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");

        private static string Unescape(string text)
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
    }
}
