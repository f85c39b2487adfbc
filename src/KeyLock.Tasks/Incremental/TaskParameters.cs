using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using KeyLock.Tasks.Packages;
using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// A fingerprint of every parameter of <see cref="VerifyLockedPackages"/> (severities, policy overrides, folders, paths),
    /// found by reflection so a parameter added later is part of it without anyone remembering to add it. A pass recorded
    /// under other parameters is never replayed.
    /// </summary>
    internal static class TaskParameters
    {
        // Where the verdict cache lives says nothing about the verdict.
        private const string NotAVerdictInput = nameof(VerifyLockedPackages.VerificationCacheFile);

        public static string Fingerprint(VerifyLockedPackages task, string projectDirectory)
        {
            var text = new StringBuilder();
            var parameters = typeof(VerifyLockedPackages)
                .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.GetSetMethod() != null && p.Name != NotAVerdictInput)
                .OrderBy(p => p.Name, StringComparer.Ordinal);
            foreach (var parameter in parameters)
            {
                text.Append(parameter.Name).Append('=').Append(Canonical(parameter, parameter.GetValue(task), projectDirectory)).Append('\n');
            }

            return TextDigest.Sha256Hex(text.ToString());
        }

        // Environment variables that move the folders NuGet reads config files from (user profile, home, application data;
        // NuGet's own NUGET_* settings), so a pass made under another user's nuget.config is not replayed. The fast path
        // cannot ask NuGet where those folders are without loading it; more variables than needed only cost a verification.
        private static readonly string[] ConfigLocationVariables =
        {
            "HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "ProgramData", "ALLUSERSPROFILE", "DOTNET_CLI_HOME",
            "XDG_CONFIG_HOME", "XDG_DATA_HOME",
        };

        private const string NuGetVariablePrefix = "NUGET_";

        /// <summary>A fingerprint of the environment variables that decide which user-wide and machine-wide config files NuGet reads.</summary>
        public static string EnvironmentFingerprint(IDictionary environment)
        {
            // Names compare without case: Windows' are case-insensitive, and a spelling NuGet does not read costs nothing.
            var relevant = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry variable in environment)
            {
                if (variable.Key is string name
                    && (name.StartsWith(NuGetVariablePrefix, StringComparison.OrdinalIgnoreCase)
                        || Array.Exists(ConfigLocationVariables, known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase))))
                {
                    relevant[name.ToUpperInvariant() + "|" + name] = variable.Value as string ?? string.Empty;
                }
            }

            var text = new StringBuilder();
            foreach (var pair in relevant)
            {
                text.Append(pair.Key).Append('=').Append(pair.Value.Replace("\n", "\\n")).Append('\n');
            }

            return TextDigest.Sha256Hex(text.ToString());
        }

        private static string Canonical(PropertyInfo parameter, object? value, string projectDirectory)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string text:
                    return text.Replace("\n", "\\n");
                case bool flag:
                    return flag ? "true" : "false";
                case ITaskItem[] items:
                    // As the task uses them: restore's evaluation (hardened mode) and the build spell the same folders differently.
                    return string.Join("\n  ", PackageFolderList.Normalize(items, projectDirectory));
                default:
                    // A new parameter type needs a decision about what "the same value" means.
                    throw new InvalidOperationException($"KeyLock cannot fingerprint the task parameter {parameter.Name} of type {parameter.PropertyType}.");
            }
        }
    }
}
