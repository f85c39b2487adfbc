using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// The project-level fast path: when every input of the last passing verification (<see cref="PassRecord"/>) has the same
    /// kernel identity (Linux) or the same content (Windows; <see cref="ChangeDetection"/>), the task parameters and KeyLock's build are the same, and the oldest verdict behind the pass is younger
    /// than <see cref="VerdictLifetime.MaxAge"/>, the pass is replayed (same messages, same count) without reading any lock
    /// file or archive and without loading NuGet. Only passes are recorded, with their warnings, which are replayed word for
    /// word (the same inputs give the same warnings); a build with an error is never recorded and removes the record.
    /// Everything here must stay free of NuGet types: that is the point. See docs/threat-model.md ("Verdict cache").
    /// </summary>
    internal sealed class FastPath
    {
        private readonly string _recordPath;
        private readonly string _parameters;

        public FastPath(string verdictFile, string parameters, ChangeDetection mode)
        {
            _recordPath = RecordPathFor(verdictFile);
            Mode = mode;

            // A pass recorded under one way of telling changes is never checked with the other.
            _parameters = parameters + "|" + mode;
        }

        /// <summary>How inputs are stamped: kernel identity (Linux) or content digests (Windows).</summary>
        public ChangeDetection Mode { get; }

        /// <summary>KeyLock's own build: a record from another build (another version, a rebuilt task) is never replayed.</summary>
        public static string Build { get; } = typeof(FastPath).Assembly.ManifestModule.ModuleVersionId.ToString("N");

        public static string RecordPathFor(string verdictFile) => verdictFile + ".pass";

        /// <summary>True when the last pass still holds and was replayed to <paramref name="log"/>.</summary>
        public bool TryReplay(TaskLoggingHelper log, out int packageCount)
        {
            packageCount = 0;
            var record = PassRecord.Read(_recordPath);
            var stale = record == null ? "no usable pass record" : WhyStale(record, DateTime.UtcNow);
            if (stale != null)
            {
                log.LogMessage(MessageImportance.Low, $"KeyLock: full verification ({stale}).");
                return false;
            }

            var reporter = new FindingReporter(log);
            foreach (var warning in record!.Warnings)
            {
                reporter.ReportWarning(warning);
            }

            foreach (var (importance, text) in record.Messages)
            {
                log.LogMessage(importance, text);
            }

            var since = record.VerifiedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            log.LogMessage(MessageImportance.High, $"{record.Summary}; every input unchanged since verified ({since} UTC)");
            packageCount = record.PackageCount;
            return true;
        }

        /// <summary>
        /// Records a pass; null on success, else why not. Every input must be stampable and required inputs must exist. With
        /// kernel identities none may have changed after <paramref name="settledBefore"/> (the task's start minus the settle
        /// time); with content digests every file was <paramref name="held"/> since before the checks read it. Either way a
        /// file changed while it was verified never keys the pass.
        /// </summary>
        public string? Record(
            VerificationInputs inputs,
            HeldInputs? held,
            IEnumerable<Finding> warnings,
            IEnumerable<(MessageImportance Importance, string Text)> messages,
            string summary,
            int packageCount,
            DateTime settledBefore,
            DateTime oldestVerdictUtc)
        {
            if (inputs.Incomplete != null)
            {
                return Forget(inputs.Incomplete);
            }

            if (Mode == ChangeDetection.ContentDigest && (held == null || held.Problem != null))
            {
                return Forget(held?.Problem ?? "KeyLock bug: content digests without held inputs");
            }

            var record = new PassRecord
            {
                Build = Build,
                Parameters = _parameters,
                VerifiedUtc = oldestVerdictUtc,
                PackageCount = packageCount,
                Summary = summary,
            };
            record.Warnings.AddRange(warnings);
            record.Messages.AddRange(messages);
            foreach (var (entry, required) in inputs.Entries)
            {
                var stamp = Mode == ChangeDetection.ContentDigest ? held!.StampForRecord(entry) : entry.Stamp(settledBefore);
                if (stamp == null || (required && stamp == InputEntry.AbsentStamp) || entry.Path.IndexOf('\n') >= 0)
                {
                    return Forget($"{entry.Path} changed during verification, is missing, or cannot be stamped");
                }

                record.Inputs.Add((entry, stamp));
            }

            return record.Write(_recordPath);
        }

        /// <summary>Removes the record: a build with findings (or one that could not record its pass) must verify again next time.</summary>
        public string Forget(string reason)
        {
            try
            {
                File.Delete(_recordPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return reason + "; old record not removed: " + ex.Message;
            }

            return reason;
        }

        private string? WhyStale(PassRecord record, DateTime now)
        {
            if (record.Build != Build)
            {
                return "recorded by another KeyLock build";
            }

            if (record.Parameters != _parameters)
            {
                return "task parameters changed";
            }

            if (!VerdictLifetime.IsFresh(record.VerifiedUtc, now))
            {
                return "the last full verification is older than " + VerdictLifetime.MaxAge.TotalHours.ToString(CultureInfo.InvariantCulture) + " h";
            }

            var changed = FirstChanged(record.Inputs);
            return changed == null ? null : changed + " changed";
        }

        /// <summary>
        /// The path of an input whose stamp changed, or null. Kernel identities are one cheap call each; content digests
        /// read every byte, so they are spread over the cores and stop at the first difference.
        /// </summary>
        private string? FirstChanged(IReadOnlyList<(InputEntry Entry, string Stamp)> inputs)
        {
            if (Mode != ChangeDetection.ContentDigest)
            {
                foreach (var (entry, stamp) in inputs)
                {
                    if (!entry.StillMatches(Mode, stamp))
                    {
                        return entry.Path;
                    }
                }

                return null;
            }

            string? changed = null;
            Parallel.ForEach(
                inputs,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                (input, loop) =>
                {
                    if (!input.Entry.StillMatches(Mode, input.Stamp))
                    {
                        Interlocked.CompareExchange(ref changed, input.Entry.Path, null);
                        loop.Stop();
                    }
                });
            return changed;
        }
    }
}
