using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1001/KL1002/KL1003: a catalog pattern in a string literal (regular, verbatim, raw, interpolated,
/// UTF-8) or in a comment. Only the literal's text is scanned; the semantic model is never needed. The
/// pattern's rule id picks the diagnostic, so new catalog patterns are reported without a change here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedSecretLiteralAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HardcodedSecretDescriptors.ProviderKey,
        HardcodedSecretDescriptors.PrivateKey,
        HardcodedSecretDescriptors.ConnectionString);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(AnalyzeLiteral, SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression);
        context.RegisterSyntaxNodeAction(AnalyzeInterpolatedText, SyntaxKind.InterpolatedStringText);
        context.RegisterSyntaxTreeAction(AnalyzeComments);
    }

    private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        SecretMatchReporter.ReportInToken(context, literal.Token, literal);
    }

    private static void AnalyzeInterpolatedText(SyntaxNodeAnalysisContext context)
    {
        var text = (InterpolatedStringTextSyntax)context.Node;
        SecretMatchReporter.ReportInToken(context, text.TextToken, text);
    }

    private static void AnalyzeComments(SyntaxTreeAnalysisContext context)
    {
        var root = context.Tree.GetRoot(context.CancellationToken);
        foreach (var trivia in root.DescendantTrivia())
        {
            switch (trivia.Kind())
            {
                // Disabled code (#if false) is committed source too.
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                case SyntaxKind.DisabledTextTrivia:
                    SecretMatchReporter.ReportInSourceText(context, trivia.ToString(), trivia.SpanStart);
                    break;

                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                    foreach (var token in trivia.GetStructure()!.DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.XmlTextLiteralToken))
                        {
                            SecretMatchReporter.ReportInSourceText(context, token.Text, token.SpanStart);
                        }
                    }

                    break;
            }
        }
    }
}
