using System.Collections.Immutable;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1001: a known-format provider key in a string literal (regular, verbatim, raw, interpolated,
/// UTF-8) or in a comment. Only the literal's text is scanned; the semantic model is never needed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedProviderKeyAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.HardcodedProviderKey,
        title: "Provider key is hardcoded",
        messageFormat: "{0} {1} '{2}' is hardcoded; read it from configuration or a secret store instead, for example the environment variable {3}",
        description: "A key written into source code can be read by anyone with access to the repository, its history, "
            + "build logs, packages or the compiled assembly. Read the key at run time from configuration, user secrets, "
            + "an environment variable or a secret store such as Azure Key Vault, and rotate any key that has been committed.",
        DiagnosticSeverity.Error);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

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
        ProviderKeyReporter.ReportInToken(context, literal.Token, literal);
    }

    private static void AnalyzeInterpolatedText(SyntaxNodeAnalysisContext context)
    {
        var text = (InterpolatedStringTextSyntax)context.Node;
        ProviderKeyReporter.ReportInToken(context, text.TextToken, text);
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
                    ProviderKeyReporter.ReportInSourceText(context, trivia.ToString(), trivia.SpanStart);
                    break;

                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                    foreach (var token in trivia.GetStructure()!.DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.XmlTextLiteralToken))
                        {
                            ProviderKeyReporter.ReportInSourceText(context, token.Text, token.SpanStart);
                        }
                    }

                    break;
            }
        }
    }
}
