using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Tasks.Policy
{
    /// <summary>
    /// A package id ("Newtonsoft.Json", case-insensitive like NuGet ids) or an id prefix ending in "*"
    /// ("Contoso.*" matches every id that starts with "Contoso."; "*" alone matches every package).
    /// </summary>
    internal sealed class PackagePattern
    {
        private PackagePattern(string text, string value, bool isPrefix)
        {
            Text = text;
            _value = value;
            IsPrefix = isPrefix;
        }

        private readonly string _value;

        /// <summary>The pattern as written.</summary>
        public string Text { get; }

        public bool IsPrefix { get; }

        public bool Matches(string packageId) =>
            IsPrefix
                ? packageId.StartsWith(_value, StringComparison.OrdinalIgnoreCase)
                : string.Equals(packageId, _value, StringComparison.OrdinalIgnoreCase);

        /// <summary>Null and a reason when the text is not an id or an id prefix ending in a single trailing "*".</summary>
        public static PackagePattern? TryParse(string? text, out string? problem)
        {
            problem = null;
            var trimmed = text?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                problem = "a package pattern must not be empty";
                return null;
            }

            var star = trimmed.IndexOf('*');
            if (star >= 0 && star != trimmed.Length - 1)
            {
                problem = $"'{trimmed}' has a '*' that is not at the end (only a trailing '*' is supported, as in 'Contoso.*')";
                return null;
            }

            var body = star >= 0 ? trimmed.Substring(0, star) : trimmed;
            if (body.Any(c => !(char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_')))
            {
                problem = $"'{trimmed}' is not a package id or an id prefix (letters, digits, '.', '-', '_', and a trailing '*')";
                return null;
            }

            return new PackagePattern(trimmed, body, star >= 0);
        }

        public static PackagePattern? FirstMatch(IEnumerable<PackagePattern> patterns, string packageId) =>
            patterns.FirstOrDefault(p => p.Matches(packageId));

        public override string ToString() => Text;
    }
}
