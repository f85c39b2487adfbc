using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// Runs the matcher over a piece of source and turns each KL1001 match into a diagnostic that names
/// the provider and shows only the redacted key. Work beyond the matcher happens only on a hit.
/// </summary>
internal static class ProviderKeyReporter
{
    /// <summary>Scans a literal token's value; on a hit, points at the key inside the token when possible.</summary>
    public static void ReportInToken(SyntaxNodeAnalysisContext context, SyntaxToken token, SyntaxNode fallback)
    {
        var value = token.ValueText;
        var matches = SecretMatcher.Default.FindAll(value);
        if (matches.Count == 0)
        {
            return;
        }

        foreach (var match in matches)
        {
            if (IsReportedHere(match))
            {
                var span = FindInTokenText(token, value, match) ?? fallback.Span;
                context.ReportDiagnostic(Create(Location.Create(token.SyntaxTree!, span), value, match));
            }
        }
    }

    /// <summary>Scans text that appears verbatim in the source at <paramref name="start"/> (comments).</summary>
    public static void ReportInSourceText(SyntaxTreeAnalysisContext context, string text, int start)
    {
        var matches = SecretMatcher.Default.FindAll(text);
        if (matches.Count == 0)
        {
            return;
        }

        foreach (var match in matches)
        {
            if (IsReportedHere(match))
            {
                var location = Location.Create(context.Tree, new TextSpan(start + match.Index, match.Length));
                context.ReportDiagnostic(Create(location, text, match));
            }
        }
    }

    // Low-confidence patterns need context (a variable or setting name) and belong to other rules.
    private static bool IsReportedHere(SecretMatch match) =>
        match.Pattern.Confidence != SecretConfidence.Low
        && string.Equals(match.Pattern.RuleId, DiagnosticIds.HardcodedProviderKey, StringComparison.Ordinal);

    private static Diagnostic Create(Location location, string text, SecretMatch match)
    {
        var pattern = match.Pattern;
        var properties = ImmutableDictionary.CreateRange(new[]
        {
            new KeyValuePair<string, string?>(DiagnosticPropertyNames.Provider, pattern.Provider),
            new KeyValuePair<string, string?>(DiagnosticPropertyNames.PatternId, pattern.Id),
            new KeyValuePair<string, string?>(DiagnosticPropertyNames.EnvironmentVariable, pattern.EnvironmentVariable),
        });

        return Diagnostic.Create(
            HardcodedProviderKeyAnalyzer.Rule,
            location,
            properties,
            pattern.Provider,
            pattern.Label,
            Redactor.Redact(text, match),
            pattern.EnvironmentVariable);
    }

    /// <summary>
    /// Maps a match in a token's value back to the token's source text. Keys use no characters that need
    /// escaping, so the key normally appears verbatim in the source; the n-th occurrence in the value is the
    /// n-th in the source. When escapes hide it (e.g. <c>\u0041</c> inside the key) the counts differ and
    /// the caller falls back to the whole literal.
    /// </summary>
    private static TextSpan? FindInTokenText(SyntaxToken token, string value, SecretMatch match)
    {
        var key = match.GetValue(value);
        var source = token.Text;
        if (Count(value, key, value.Length) != Count(source, key, source.Length))
        {
            return null;
        }

        var occurrence = Count(value, key, match.Index);
        var index = -key.Length;
        for (var i = 0; i <= occurrence; i++)
        {
            index = source.IndexOf(key, index + key.Length, StringComparison.Ordinal);
        }

        return new TextSpan(token.SpanStart + index, key.Length);
    }

    /// <summary>Non-overlapping occurrences of <paramref name="key"/> that start before <paramref name="end"/>.</summary>
    private static int Count(string text, string key, int end)
    {
        var count = 0;
        for (var i = text.IndexOf(key, StringComparison.Ordinal); i >= 0 && i < end; i = text.IndexOf(key, i + key.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
