using System.Text;
using System.Text.RegularExpressions;
using KeyLock.Secrets;

namespace KeyLock.Benchmarks;

/// <summary>
/// The "regex scanner" alternative: one compiled alternation of the same context-free patterns, built
/// from the catalog's anchors and layouts (and hand-written expressions for the shapes), with a match
/// timeout. It finds candidates only: no checksums, no placeholder heuristics.
/// </summary>
internal sealed class RegexScanner
{
    private readonly Regex _regex;

    public RegexScanner(IEnumerable<SecretPattern> patterns)
    {
        var alternatives = patterns.Where(p => !p.RequiresContext).SelectMany(Alternatives).Distinct().ToArray();
        Expression = string.Join("|", alternatives);
        _regex = new Regex(Expression, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Expression { get; }

    public int Count(string text)
    {
        var count = 0;
        for (var match = _regex.Match(text); match.Success; match = match.NextMatch())
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<string> Alternatives(SecretPattern pattern)
    {
        if (pattern.Shape is not null)
        {
            yield return ShapeExpression(pattern);
            yield break;
        }

        foreach (var anchor in pattern.Anchors)
        {
            foreach (var layout in pattern.Layouts)
            {
                var builder = new StringBuilder(@"(?<![A-Za-z0-9_\-+/])");
                if (anchor.IsPrefix)
                {
                    builder.Append(Regex.Escape(anchor.Text));
                }

                foreach (var segment in layout.Segments)
                {
                    builder.Append(segment.IsLiteral
                        ? Regex.Escape(segment.Text!)
                        : "[" + Class(segment.Characters!) + "]{" + segment.MinLength + (segment.HasFixedLength ? "" : "," + segment.MaxLength) + "}");
                }

                yield return builder.Append(@"(?![A-Za-z0-9_\-])").ToString();
            }
        }
    }

    private static string ShapeExpression(SecretPattern pattern) => pattern.Id switch
    {
        "basic-auth-url" => @"[A-Za-z][A-Za-z0-9+.\-]{1,31}://[^\s/?#@:'""]*:[^\s/?#@'""]+@[A-Za-z0-9][A-Za-z0-9.\-]*",
        "connection-string-password" => @"(?i:(?:password|pwd)=)[^;'""\s]+",
        "gcp-service-account-key" => @"""private_key""\s*:\s*""-----BEGIN[^""]{64,}""",
        _ when pattern.RuleId == SecretCatalog.PrivateKeyRuleId => Regex.Escape(pattern.Prefixes[0]) + @"[\s\S]{64,}?-----END[ A-Z]+-----",
        _ => Regex.Escape(pattern.Prefixes[0]) + "[A-Za-z0-9+/=]{20,}",
    };

    /// <summary>The set as a compact character class body, e.g. <c>A-Za-z0-9_\-</c>.</summary>
    private static string Class(CharacterSet set)
    {
        var builder = new StringBuilder();
        for (var c = 32; c < 127; c++)
        {
            if (!set.Contains((char)c))
            {
                continue;
            }

            var end = c;
            while (end + 1 < 127 && set.Contains((char)(end + 1)) && char.IsLetterOrDigit((char)(end + 1)) && char.IsLetterOrDigit((char)c))
            {
                end++;
            }

            builder.Append(Escape((char)c));
            if (end > c)
            {
                builder.Append('-').Append(Escape((char)end));
                c = end;
            }
        }

        return builder.ToString();
    }

    private static string Escape(char c) => c is '-' or '\\' or ']' or '^' ? "\\" + c : c.ToString();
}
