using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KeyLock.Tasks.Inspection
{
    /// <summary>
    /// <see cref="PackageFacts"/> as one line of text for the verdict cache, so a later build does not re-open an unchanged
    /// archive for the supply-chain inventory. Values holding a separator or a line break are not stored (null), and
    /// anything that does not decode exactly is ignored (the archive is read again).
    /// </summary>
    internal static class PackageFactsText
    {
        private const string Version = "facts1";
        private const char Field = '\u001F';
        private const char Item = '\u001E';
        private const int FieldCount = 12;

        /// <summary>The facts as text, or null when they cannot be stored (unreadable archive, odd characters).</summary>
        public static string? Encode(PackageFacts facts)
        {
            if (facts.ReadProblem != null)
            {
                return null;
            }

            var fields = new[]
            {
                Version,
                List(facts.BuildFiles),
                List(facts.AnalyzerFiles),
                List(facts.ToolScripts),
                facts.PublishedAt.HasValue
                    ? "=" + facts.PublishedAt.Value.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + ((int)facts.PublishedAt.Value.Offset.TotalMinutes).ToString(CultureInfo.InvariantCulture)
                    : string.Empty,
                Optional(facts.NoPublicationTimeReason),
                Optional(facts.AuthorSigner),
                Optional(facts.RepositorySigner),
                facts.MicrosoftAuthorSigned ? "1" : "0",
                Optional(facts.LicenseExpression),
                Optional(facts.LicenseFile),
                Optional(facts.LicenseUrl),
            };
            var storable = fields.All(f => f.IndexOf(Field) < 0 && f.IndexOf('\t') < 0 && f.IndexOf('\n') < 0 && f.IndexOf('\r') < 0)
                && facts.BuildFiles.Concat(facts.AnalyzerFiles).Concat(facts.ToolScripts).All(f => f.Length > 0 && f.IndexOf(Item) < 0);
            return storable ? string.Join(Field.ToString(), fields) : null;
        }

        /// <summary>The facts, or null when <paramref name="text"/> is not exactly what <see cref="Encode"/> writes.</summary>
        public static PackageFacts? Decode(string text)
        {
            var fields = text.Split(Field);
            if (fields.Length != FieldCount || fields[0] != Version || (fields[8] != "0" && fields[8] != "1"))
            {
                return null;
            }

            var facts = new PackageFacts
            {
                BuildFiles = Items(fields[1]),
                AnalyzerFiles = Items(fields[2]),
                ToolScripts = Items(fields[3]),
                NoPublicationTimeReason = Value(fields[5]),
                AuthorSigner = Value(fields[6]),
                RepositorySigner = Value(fields[7]),
                MicrosoftAuthorSigned = fields[8] == "1",
                LicenseExpression = Value(fields[9]),
                LicenseFile = Value(fields[10]),
                LicenseUrl = Value(fields[11]),
            };
            if (fields[4].Length > 0)
            {
                var parts = fields[4].Substring(1).Split(':');
                if (!fields[4].StartsWith("=", StringComparison.Ordinal) || parts.Length != 2
                    || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes)
                    || ticks > DateTime.MaxValue.Ticks || Math.Abs(minutes) > 14 * 60)
                {
                    return null;
                }

                var offset = TimeSpan.FromMinutes(minutes);
                if (ticks + offset.Ticks < DateTime.MinValue.Ticks || ticks + offset.Ticks > DateTime.MaxValue.Ticks)
                {
                    return null;
                }

                facts.PublishedAt = new DateTimeOffset(ticks + offset.Ticks, offset);
            }

            return facts;
        }

        private static string List(IReadOnlyList<string> items) => string.Join(Item.ToString(), items);

        private static IReadOnlyList<string> Items(string field) => field.Length == 0 ? Array.Empty<string>() : field.Split(Item);

        // "" is null, "=x" is x (so an empty string survives).
        private static string Optional(string? value) => value == null ? string.Empty : "=" + value;

        private static string? Value(string field) => field.Length == 0 ? null : field.Substring(1);
    }
}
