using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
            var lines = SealedText.Open(path, Magic);
            if (lines == null)
            {
                return null;
            }

            var record = new PassRecord();
            foreach (var fields in lines)
            {
                if (!record.TryParse(fields))
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
                .Append("verified\t").Append(VerdictLifetime.ToSeconds(VerifiedUtc)).Append('\n')
                .Append("packages\t").Append(PackageCount.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("summary\t").Append(SealedText.Escape(Summary)).Append('\n');
            foreach (var (importance, message) in Messages)
            {
                text.Append("message\t").Append(((int)importance).ToString(CultureInfo.InvariantCulture)).Append('\t').Append(SealedText.Escape(message)).Append('\n');
            }

            foreach (var warning in Warnings)
            {
                var at = warning.Location;
                text.Append("warning\t").Append(warning.Code.Id).Append('\t').Append(SealedText.Escape(at.File ?? string.Empty)).Append('\t')
                    .Append(at.Line.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(at.Column.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(SealedText.Escape(warning.Message)).Append('\n');
            }

            foreach (var (entry, stamp) in Inputs)
            {
                text.Append("input\t").Append(SealedText.InputFields(entry, stamp)).Append('\n');
            }

            return AtomicFile.Write(path, SealedText.Seal(text.ToString()));
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
                case "verified" when fields.Length == 2 && VerdictLifetime.TryParseSeconds(fields[1], out var verified):
                    VerifiedUtc = verified;
                    return true;
                case "packages" when fields.Length == 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count):
                    PackageCount = count;
                    return true;
                case "summary" when fields.Length == 2:
                    Summary = SealedText.Unescape(fields[1]);
                    return true;
                case "message" when fields.Length == 3 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var importance) && importance <= (int)MessageImportance.Low:
                    Messages.Add(((MessageImportance)importance, SealedText.Unescape(fields[2])));
                    return true;
                case "warning" when fields.Length == 6
                    && KeyLockCodes.All.Any(c => c.Id == fields[1])
                    && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                    && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var column):
                    Warnings.Add(new Finding(KeyLockCodes.All.First(c => c.Id == fields[1]), new SourceLocation(SealedText.Unescape(fields[2]), line, column), SealedText.Unescape(fields[5])));
                    return true;
                case "input" when SealedText.TryParseInput(fields, out var entry, out var stamp):
                    Inputs.Add((entry, stamp));
                    return true;
                default:
                    return false;
            }
        }
    }
}
