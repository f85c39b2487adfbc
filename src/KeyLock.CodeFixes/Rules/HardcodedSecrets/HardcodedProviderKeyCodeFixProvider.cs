using System.Composition;
using KeyLock.Analyzers;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.CodeFixes.Rules.HardcodedSecrets;

/// <summary>
/// KL1001: replaces a string literal that is exactly one key with a read of the provider's environment
/// variable that fails loudly when it is unset. Not offered for keys in comments, interpolations, UTF-8
/// literals or inside a longer string, where there is no single value to replace.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedProviderKeyCodeFixProvider))]
[Shared]
public sealed class HardcodedProviderKeyCodeFixProvider : ReadFromEnvironmentVariableCodeFix
{
    public HardcodedProviderKeyCodeFixProvider()
        : base(DiagnosticIds.HardcodedProviderKey)
    {
    }

    protected override ExpressionSyntax? FindValue(SyntaxNode root, Diagnostic diagnostic) =>
        FindLiteralHoldingOnlyTheKey(root, diagnostic.Location.SourceSpan);

    protected override string Title(string variable) => $"Read the key from the environment variable {variable}";

    private static LiteralExpressionSyntax? FindLiteralHoldingOnlyTheKey(SyntaxNode root, TextSpan span)
    {
        var token = root.FindToken(span.Start);
        if (!token.Span.Contains(span)
            || token.Parent is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null; // a comment, an interpolation or a UTF-8 literal
        }

        var value = token.ValueText;
        var matches = SecretMatcher.Default.FindAll(value);
        return matches.Count == 1 && matches[0].Index == 0 && matches[0].Length == value.Length ? literal : null;
    }
}
