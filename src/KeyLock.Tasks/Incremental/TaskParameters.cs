using System;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
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

            using (var sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()))).Replace("-", string.Empty);
            }
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
