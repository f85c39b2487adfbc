using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace KeyLock.Tasks.Reporting
{
    /// <summary>Turns findings into MSBuild errors: canonical <c>file(line,col): error KLnnnn: message</c>, with a help link.</summary>
    internal sealed class FindingReporter
    {
        private readonly TaskLoggingHelper _log;
        private bool _helpLinkUnsupported;

        public FindingReporter(TaskLoggingHelper log)
        {
            _log = log;
        }

        /// <summary>Which checks were lowered to warnings; everything is an error until set.</summary>
        public SeverityPolicy Severity { get; set; } = SeverityPolicy.AllErrors;

        public int ErrorCount { get; private set; }

        public int WarningCount { get; private set; }

        /// <summary>The findings logged as warnings, in order (a pass with warnings is replayed with exactly these).</summary>
        public List<Finding> Warnings { get; } = new List<Finding>();

        /// <summary>Orders findings by where they are (lock-file line), so a build log reads top to bottom like the file.</summary>
        public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) =>
            findings
                .GroupBy(f => f.ToString(), StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(f => f.Location.File ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(f => f.Location.Line)
                .ThenBy(f => f.Location.Column)
                .ThenBy(f => f.Code.Id, StringComparer.Ordinal)
                .ThenBy(f => f.Message, StringComparer.Ordinal)
                .ToList();

        /// <summary>Logs every finding once, in lock-file order; returns how many were logged (errors and warnings).</summary>
        public int ReportAll(IEnumerable<Finding> findings)
        {
            var sorted = Sort(findings);
            foreach (var finding in sorted)
            {
                Report(finding);
            }

            return sorted.Count;
        }

        public void Report(Finding finding)
        {
            if (Severity.IsWarning(finding.Code))
            {
                ReportWarning(finding);
            }
            else
            {
                ErrorCount++;
                Log(finding, asWarning: false);
            }

            if (finding.Exception != null)
            {
                _log.LogMessage(MessageImportance.Low, $"{finding.Code.Id} details: {finding.Exception}");
            }
        }

        /// <summary>Logs a finding as a warning whatever <see cref="Severity"/> says (a replayed pass's warnings were warnings then).</summary>
        public void ReportWarning(Finding finding)
        {
            WarningCount++;
            Warnings.Add(finding);
            Log(finding, asWarning: true);
        }

        private void Log(Finding finding, bool asWarning)
        {
            if (!_helpLinkUnsupported)
            {
                try
                {
                    LogWithHelpLink(finding, asWarning);
                    return;
                }
                catch (MissingMethodException)
                {
                    // MSBuild older than 17 has no helpLink overload; the code still identifies the finding.
                    _helpLinkUnsupported = true;
                }
            }

            var location = finding.Location;
            if (asWarning)
            {
                _log.LogWarning(null, finding.Code.Id, null, location.File, location.Line, location.Column, 0, 0, finding.Message);
            }
            else
            {
                _log.LogError(null, finding.Code.Id, null, location.File, location.Line, location.Column, 0, 0, finding.Message);
            }
        }

        // Kept in its own method so a missing overload fails when this method is compiled, where Log can catch it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void LogWithHelpLink(Finding finding, bool asWarning)
        {
            var location = finding.Location;
            var helpLink = finding.Code.HelpLink;
            if (asWarning)
            {
                _log.LogWarning(null, finding.Code.Id, null, helpLink, location.File, location.Line, location.Column, 0, 0, finding.Message);
            }
            else
            {
                _log.LogError(null, finding.Code.Id, null, helpLink, location.File, location.Line, location.Column, 0, 0, finding.Message);
            }
        }
    }
}
