using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// Runs the matcher over a piece of source and turns each match of a KL1001–KL1003 pattern into a
/// diagnostic that names the provider and shows only the redacted key. Work beyond the matcher happens
/// only on a hit.
/// </summary>
internal static class SecretMatchReporter
{
    /// <summary>Scans a literal token's value; on a hit, points at the key inside the token when possible.</summary>
    public static void ReportInToken(SyntaxNodeAnalysisContext context, SyntaxToken token, SyntaxNode fallback)
    {
        var value = token.ValueText;
        ReportInToken(context, token, fallback, value, SecretMatcher.Default.FindAll(value));
    }

    /// <summary>Reports <paramref name="matches"/>, the matcher's result on the token's value <paramref name="value"/>.</summary>
    public static void ReportInToken(SyntaxNodeAnalysisContext context, SyntaxToken token, SyntaxNode fallback, string value, IReadOnlyList<SecretMatch> matches)
    {
        if (matches.Count == 0)
        {
            return;
        }

        foreach (var match in matches)
        {
            if (IsReportedOnBareText(match))
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
            if (IsReportedOnBareText(match))
            {
                var location = Location.Create(context.Tree, new TextSpan(start + match.Index, match.Length));
                context.ReportDiagnostic(Create(location, text, match));
            }
        }
    }

    /// <summary>
    /// Medium and high confidence patterns of KL1001–KL1003 are reported wherever they appear. Low-confidence
    /// patterns, patterns recognizable only by a name (<see cref="SecretPattern.RequiresContext"/>) and values that
    /// are secrets only where they are used as credentials (JWTs) are reported only in a credential sink or a
    /// setting named like one.
    /// </summary>
    public static bool IsReportedOnBareText(SecretMatch match) =>
        match.Pattern.Confidence != SecretConfidence.Low
        && !match.Pattern.RequiresContext
        && !match.Pattern.RequiresCredentialPosition
        && HardcodedSecretDescriptors.IsPatternRule(match.Pattern.RuleId);

    /// <summary>True when <paramref name="match"/> may be reported in a place that already says "this is a credential".</summary>
    public static bool IsReportedInCredentialContext(SecretMatch match) =>
        HardcodedSecretDescriptors.IsPatternRule(match.Pattern.RuleId);

    /// <summary>The diagnostic for <paramref name="match"/> in <paramref name="text"/>, with the descriptor its rule id names.</summary>
    public static Diagnostic Create(Location location, string text, SecretMatch match, string? setting = null)
    {
        var pattern = match.Pattern;
        var descriptor = HardcodedSecretDescriptors.ForRuleId(pattern.RuleId) ?? HardcodedSecretDescriptors.ProviderKey;
        var properties = new List<KeyValuePair<string, string?>>
        {
            new(DiagnosticPropertyNames.Provider, pattern.Provider),
            new(DiagnosticPropertyNames.PatternId, pattern.Id),
            new(DiagnosticPropertyNames.EnvironmentVariable, pattern.EnvironmentVariable),
        };
        if (setting is not null)
        {
            properties.Add(new(DiagnosticPropertyNames.Setting, setting));
        }

        return Diagnostic.Create(
            descriptor,
            location,
            ImmutableDictionary.CreateRange(properties),
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
        var found = FindOccurrence(token, value, key, match.Index);
        var newline = key.IndexOf('\n');
        if (found is null && newline > 0)
        {
            // A multi-line key (a PEM block) in a multi-line raw literal loses its indentation in the
            // value; point at the key's first line, which is still verbatim in the source.
            found = FindOccurrence(token, value, key.Substring(0, newline).TrimEnd('\r'), match.Index);
        }

        return found;
    }

    private static TextSpan? FindOccurrence(SyntaxToken token, string value, string key, int keyIndex)
    {
        var source = token.Text;
        if (key.Length == 0)
        {
            return null;
        }

        if (Count(value, key, value.Length) != Count(source, key, source.Length))
        {
            return null;
        }

        var occurrence = Count(value, key, keyIndex);
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
