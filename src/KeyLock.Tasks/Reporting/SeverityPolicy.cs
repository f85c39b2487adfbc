using System;
using System.Collections.Generic;

namespace KeyLock.Tasks.Reporting
{
    /// <summary>
    /// Which checks report warnings instead of errors. Each check has one MSBuild property
    /// (KeyLockLockFileSeverity, KeyLockContentHashSeverity, KeyLockExtractedFilesSeverity, KeyLockSignatureSeverity)
    /// whose value is "error" (the default when empty) or "warning". Codes outside those checks are always errors.
    /// </summary>
    internal sealed class SeverityPolicy
    {
        private readonly HashSet<CheckKind> _warnings;

        private SeverityPolicy(HashSet<CheckKind> warnings)
        {
            _warnings = warnings;
        }

        public static SeverityPolicy AllErrors { get; } = new SeverityPolicy(new HashSet<CheckKind>());

        public bool IsWarning(KeyLockCode code) => code.Check != CheckKind.Always && _warnings.Contains(code.Check);

        public bool IsWarning(CheckKind check) => check != CheckKind.Always && _warnings.Contains(check);

        /// <summary>Parses the per-check values; an unknown value is a finding (KL9003), and that check stays an error.</summary>
        public static SeverityPolicy Parse(IEnumerable<(CheckKind Check, string PropertyName, string? Value)> settings, string projectFile, List<Finding> findings)
        {
            var warnings = new HashSet<CheckKind>();
            foreach (var (check, propertyName, value) in settings)
            {
                var text = value?.Trim() ?? string.Empty;
                if (text.Length == 0 || string.Equals(text, "error", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (string.Equals(text, "warning", StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add(check);
                    continue;
                }

                findings.Add(Findings.InvalidSetting(projectFile, propertyName, text, "error or warning"));
            }

            return new SeverityPolicy(warnings);
        }
    }
}
