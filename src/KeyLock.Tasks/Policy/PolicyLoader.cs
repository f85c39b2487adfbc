using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using KeyLock.Tasks.Reporting;
using NuGet.Versioning;

namespace KeyLock.Tasks.Policy
{
    /// <summary>
    /// Finds and reads keylock.json, then applies the MSBuild property overrides. A policy that cannot be read or that
    /// holds anything KeyLock does not understand is an error (KL9020) pointing at the exact place: a typo must never
    /// silently switch a defence off.
    /// </summary>
    internal static class PolicyLoader
    {
        private static readonly string[] KnownKeys =
        {
            "$schema", "$comment", "minimumPackageAgeDays", "cooldownExceptions", "deny", "buildCode",
        };

        /// <summary>
        /// The first keylock.json in the project directory or any directory above it (like Directory.Build.props), or the
        /// explicit file when <paramref name="explicitFile"/> is set (relative to the project directory).
        /// </summary>
        public static string? Locate(string projectDirectory, string? explicitFile)
        {
            if (!string.IsNullOrWhiteSpace(explicitFile))
            {
                return Path.GetFullPath(Path.Combine(projectDirectory, explicitFile!.Trim()));
            }

            for (var directory = new DirectoryInfo(projectDirectory); directory != null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, KeyLockPolicy.FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        public sealed class Overrides
        {
            public string? PolicyFile { get; set; }

            public string? MinimumPackageAgeDays { get; set; }

            public string? BuildCodePolicy { get; set; }
        }

        /// <summary>Reads the policy; problems go to <paramref name="findings"/> and the affected setting keeps its safe default.</summary>
        public static KeyLockPolicy Load(string projectDirectory, string projectFile, Overrides overrides, List<Finding> findings)
        {
            var policy = new KeyLockPolicy();
            var path = Locate(projectDirectory, overrides.PolicyFile);
            if (path != null)
            {
                policy.FilePath = path;
                if (!File.Exists(path))
                {
                    findings.Add(PolicyFindings.PolicyFileMissing(projectFile, path));
                }
                else
                {
                    ReadFile(path, policy, findings);
                }
            }

            ApplyOverrides(policy, projectFile, overrides, findings);
            return policy;
        }

        internal static void ReadFile(string path, KeyLockPolicy policy, List<Finding> findings)
        {
            PolicyJsonNode root;
            try
            {
                root = PolicyJsonNode.Parse(File.ReadAllBytes(path));
            }
            catch (PolicyJsonException ex)
            {
                findings.Add(PolicyFindings.Invalid(path, ex.Line, ex.Column, "it is not valid JSON: " + ex.Message + "."));
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                findings.Add(PolicyFindings.Invalid(path, 0, 0, "it cannot be read: " + Findings.Describe(ex)));
                return;
            }

            var reader = new Reader(path, findings);
            if (root.Kind != PolicyJsonKind.Object)
            {
                reader.Problem(root, $"the top level must be an object, not {root.KindName}.");
                return;
            }

            foreach (var member in root.Properties)
            {
                var value = member.Value;
                switch (member.Key)
                {
                    case "$schema":
                    case "$comment":
                        break;
                    case "minimumPackageAgeDays":
                        if (reader.NonNegativeNumber(value, member.Key, out var days))
                        {
                            policy.MinimumPackageAgeDays = days;
                            policy.MinimumPackageAgeSource = KeyLockPolicy.FileName;
                        }

                        break;
                    case "cooldownExceptions":
                        policy.CooldownExceptions.AddRange(reader.Patterns(value, "\"cooldownExceptions\""));
                        break;
                    case "deny":
                        ReadDeny(reader, value, policy);
                        break;
                    case "buildCode":
                        ReadBuildCode(reader, value, policy);
                        break;
                    default:
                        reader.Problem(value, $"unknown setting \"{member.Key}\" (known: {string.Join(", ", KnownKeys.Skip(2))}). " +
                            "KeyLock refuses settings it does not understand rather than ignore a misspelt defence.");
                        break;
                }
            }
        }

        private static void ReadDeny(Reader reader, PolicyJsonNode value, KeyLockPolicy policy)
        {
            if (!reader.Expect(value, PolicyJsonKind.Array, "\"deny\""))
            {
                return;
            }

            foreach (var item in value.Items)
            {
                if (!reader.Expect(item, PolicyJsonKind.Object, "each \"deny\" entry"))
                {
                    continue;
                }

                string? id = null;
                string? reason = null;
                VersionRange range = VersionRange.All;
                var rangeText = "*";
                var ok = true;
                foreach (var field in item.Properties)
                {
                    switch (field.Key)
                    {
                        case "id":
                            id = reader.String(field.Value, "\"deny\" id");
                            var idPattern = id == null ? null : PackagePattern.TryParse(id, out _);
                            if (id != null && (idPattern == null || idPattern.IsPrefix))
                            {
                                reader.Problem(field.Value, $"\"{id}\" is not a package id (a deny entry names one package, without '*').");
                                id = null;
                            }

                            ok &= id != null;
                            break;
                        case "versions":
                            var text = reader.String(field.Value, "\"deny\" versions");
                            if (text == null)
                            {
                                ok = false;
                            }
                            else if (!VersionRange.TryParse(text, out var parsed) || parsed == null)
                            {
                                reader.Problem(field.Value, $"\"{text}\" is not a NuGet version range (examples: \"[13.0.3]\" for exactly 13.0.3, \"[1.0.0, 2.0.0)\", \"(, 1.2.0]\").");
                                ok = false;
                            }
                            else
                            {
                                range = parsed;
                                rangeText = text.Trim();
                            }

                            break;
                        case "reason":
                            reason = reader.String(field.Value, "\"deny\" reason");
                            if (reason != null && reason.Trim().Length == 0)
                            {
                                reader.Problem(field.Value, "the reason must not be empty: it is what the build error quotes.");
                                reason = null;
                            }

                            ok &= reason != null;
                            break;
                        case "$comment":
                            break;
                        default:
                            reader.Problem(field.Value, $"unknown field \"{field.Key}\" in a \"deny\" entry (known: id, versions, reason).");
                            ok = false;
                            break;
                    }
                }

                if (id == null && ok)
                {
                    reader.Problem(item, "a \"deny\" entry needs an \"id\".");
                    ok = false;
                }

                if (reason == null && ok)
                {
                    reader.Problem(item, "a \"deny\" entry needs a \"reason\" (the build error quotes it).");
                    ok = false;
                }

                if (ok)
                {
                    policy.Deny.Add(new DenyRule(id!.Trim(), range, rangeText, reason!.Trim(), new SourceLocation(reader.Path, item.Line, item.Column)));
                }
            }
        }

        private static void ReadBuildCode(Reader reader, PolicyJsonNode value, KeyLockPolicy policy)
        {
            if (!reader.Expect(value, PolicyJsonKind.Object, "\"buildCode\""))
            {
                return;
            }

            foreach (var field in value.Properties)
            {
                switch (field.Key)
                {
                    case "allow":
                        policy.BuildCodeAllow.AddRange(reader.Patterns(field.Value, "\"buildCode\".\"allow\""));
                        break;
                    case "policy":
                        var text = reader.String(field.Value, "\"buildCode\" policy");
                        if (text != null)
                        {
                            if (TryParseBuildCodeMode(text, out var mode))
                            {
                                policy.BuildCode = mode;
                                policy.BuildCodeSource = KeyLockPolicy.FileName;
                            }
                            else
                            {
                                reader.Problem(field.Value, $"\"{text}\" is not a build-code policy (allowed: warn, error, off).");
                                policy.BuildCode = BuildCodeMode.Error;
                            }
                        }

                        break;
                    case "$comment":
                        break;
                    default:
                        reader.Problem(field.Value, $"unknown field \"{field.Key}\" in \"buildCode\" (known: policy, allow).");
                        break;
                }
            }
        }

        private static void ApplyOverrides(KeyLockPolicy policy, string projectFile, Overrides overrides, List<Finding> findings)
        {
            var age = overrides.MinimumPackageAgeDays?.Trim();
            if (!string.IsNullOrEmpty(age))
            {
                if (double.TryParse(age, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days >= 0 && !double.IsInfinity(days))
                {
                    policy.MinimumPackageAgeDays = days;
                    policy.MinimumPackageAgeSource = "KeyLockMinimumPackageAgeDays";
                }
                else
                {
                    findings.Add(Findings.InvalidSetting(projectFile, "KeyLockMinimumPackageAgeDays", age!, "a number of days, 0 or more"));
                }
            }

            var mode = overrides.BuildCodePolicy?.Trim();
            if (!string.IsNullOrEmpty(mode))
            {
                if (TryParseBuildCodeMode(mode!, out var parsed))
                {
                    policy.BuildCode = parsed;
                    policy.BuildCodeSource = "KeyLockBuildCodePolicy";
                }
                else
                {
                    findings.Add(Findings.InvalidSetting(projectFile, "KeyLockBuildCodePolicy", mode!, "warn, error or off"));
                    policy.BuildCode = BuildCodeMode.Error;
                }
            }
        }

        internal static bool TryParseBuildCodeMode(string text, out BuildCodeMode mode)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "warn":
                case "warning":
                    mode = BuildCodeMode.Warn;
                    return true;
                case "error":
                    mode = BuildCodeMode.Error;
                    return true;
                case "off":
                case "none":
                    mode = BuildCodeMode.Off;
                    return true;
                default:
                    mode = BuildCodeMode.Error;
                    return false;
            }
        }

        /// <summary>Typed access to nodes that records a KL9020 finding, at the node's position, for every mismatch.</summary>
        private sealed class Reader
        {
            private readonly List<Finding> _findings;

            public Reader(string path, List<Finding> findings)
            {
                Path = path;
                _findings = findings;
            }

            public string Path { get; }

            public void Problem(PolicyJsonNode node, string reason) =>
                _findings.Add(PolicyFindings.Invalid(Path, node.Line, node.Column, reason));

            public bool Expect(PolicyJsonNode node, PolicyJsonKind kind, string what)
            {
                if (node.Kind == kind)
                {
                    return true;
                }

                Problem(node, $"{what} must be {KindName(kind)}, not {node.KindName}.");
                return false;
            }

            public string? String(PolicyJsonNode node, string what) =>
                Expect(node, PolicyJsonKind.String, what) ? node.Text ?? string.Empty : null;

            public bool NonNegativeNumber(PolicyJsonNode node, string what, out double value)
            {
                value = 0;
                if (!Expect(node, PolicyJsonKind.Number, $"\"{what}\""))
                {
                    return false;
                }

                if (!node.TryGetNumber(out value) || value < 0 || double.IsInfinity(value))
                {
                    Problem(node, $"\"{what}\" must be 0 or more, not {node.Text}.");
                    return false;
                }

                return true;
            }

            public IEnumerable<PackagePattern> Patterns(PolicyJsonNode node, string what)
            {
                var patterns = new List<PackagePattern>();
                if (!Expect(node, PolicyJsonKind.Array, what))
                {
                    return patterns;
                }

                foreach (var item in node.Items)
                {
                    var text = String(item, $"each entry of {what}");
                    if (text == null)
                    {
                        continue;
                    }

                    var pattern = PackagePattern.TryParse(text, out var problem);
                    if (pattern == null)
                    {
                        Problem(item, problem + ".");
                    }
                    else
                    {
                        patterns.Add(pattern);
                    }
                }

                return patterns;
            }

            private static string KindName(PolicyJsonKind kind) => kind switch
            {
                PolicyJsonKind.Object => "an object",
                PolicyJsonKind.Array => "an array",
                PolicyJsonKind.String => "a string",
                PolicyJsonKind.Number => "a number",
                PolicyJsonKind.Boolean => "true or false",
                _ => "null",
            };
        }
    }
}
