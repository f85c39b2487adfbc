using System.Collections.Immutable;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1001/KL1002/KL1003: a catalog pattern in a string literal (regular, verbatim, raw, interpolated,
/// UTF-8) or in a comment. Only the literal's text is scanned; the semantic model is never needed. The
/// pattern's rule id picks the diagnostic, so new catalog patterns are reported without a change here.
/// KL1004 (<see cref="CredentialSinkRule"/>) runs in the same string-literal callback, on the same scan.
/// </summary>
/// <remarks>
/// One analyzer for both because both read every string literal of the compilation: as two analyzers they paid the
/// driver's per-callback cost twice per literal and ran the catalog over each value twice.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedSecretLiteralAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HardcodedSecretDescriptors.ProviderKey,
        HardcodedSecretDescriptors.PrivateKey,
        HardcodedSecretDescriptors.ConnectionString,
        HardcodedSecretDescriptors.CredentialSink);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(AnalyzeStringLiteral, SyntaxKind.StringLiteralExpression);
        context.RegisterSyntaxNodeAction(AnalyzeUtf8Literal, SyntaxKind.Utf8StringLiteralExpression);
        context.RegisterSyntaxNodeAction(AnalyzeInterpolatedText, SyntaxKind.InterpolatedStringText);
        context.RegisterSyntaxTreeAction(AnalyzeComments);
        context.RegisterCompilationStartAction(CredentialSinkRule.RegisterConstantUses);
    }

    private static void AnalyzeStringLiteral(SyntaxNodeAnalysisContext context)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        var value = literal.Token.ValueText;
        var matches = SecretMatcher.Default.FindAll(value);
        SecretMatchReporter.ReportInToken(context, literal.Token, literal, value, matches);
        CredentialSinkRule.AnalyzeLiteral(context, literal, value, catalogMatch: matches.Count > 0);
    }

    private static void AnalyzeUtf8Literal(SyntaxNodeAnalysisContext context)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        SecretMatchReporter.ReportInToken(context, literal.Token, literal);
    }

    private static void AnalyzeInterpolatedText(SyntaxNodeAnalysisContext context)
    {
        var text = (InterpolatedStringTextSyntax)context.Node;
        SecretMatchReporter.ReportInToken(context, text.TextToken, text);
    }

    /// <summary>
    /// Comments, XML doc text and disabled code are source text as written, so the matcher runs once over the
    /// whole file and only a hit is mapped back to its trivia. Walking every trivia of the tree instead (most
    /// of it whitespace) cost more than all other KeyLock rules together on a real codebase.
    /// </summary>
    private static void AnalyzeComments(SyntaxTreeAnalysisContext context)
    {
        var source = context.Tree.GetText(context.CancellationToken).ToString();
        var hits = SecretMatcher.Default.FindAll(source);
        if (hits.Count == 0)
        {
            return;
        }

        var root = context.Tree.GetRoot(context.CancellationToken);
        var scannedUpTo = 0;
        foreach (var hit in hits)
        {
            if (hit.Index >= scannedUpTo)
            {
                scannedUpTo = ScanCommentAt(context, root, hit.Index);
            }
        }
    }

    /// <summary>
    /// Scans the comment, doc-comment text or disabled code at <paramref name="position"/> on its own, exactly as
    /// if it were the only text, and returns where it ends; returns <paramref name="position"/> when the hit is in
    /// code (literals have their own actions).
    /// </summary>
    private static int ScanCommentAt(SyntaxTreeAnalysisContext context, SyntaxNode root, int position)
    {
        var trivia = root.FindTrivia(position);
        switch (trivia.Kind())
        {
            // Disabled code (#if false) is committed source too.
            case SyntaxKind.SingleLineCommentTrivia:
            case SyntaxKind.MultiLineCommentTrivia:
            case SyntaxKind.DisabledTextTrivia:
                SecretMatchReporter.ReportInSourceText(context, trivia.ToString(), trivia.SpanStart);
                return trivia.Span.End;

            case SyntaxKind.SingleLineDocumentationCommentTrivia:
            case SyntaxKind.MultiLineDocumentationCommentTrivia:
                var token = root.FindToken(position, findInsideTrivia: true);
                if (token.IsKind(SyntaxKind.XmlTextLiteralToken) && token.Span.Contains(position))
                {
                    SecretMatchReporter.ReportInSourceText(context, token.Text, token.SpanStart);
                    return token.Span.End;
                }

                return position;

            default:
                return position;
        }
    }
}
