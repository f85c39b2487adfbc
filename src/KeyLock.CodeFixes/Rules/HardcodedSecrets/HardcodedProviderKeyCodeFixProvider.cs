using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using KeyLock.Analyzers;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class HardcodedProviderKeyCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.HardcodedProviderKey + ".ReadFromEnvironmentVariable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HardcodedProviderKey);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.EnvironmentVariable, out var variable)
                || string.IsNullOrEmpty(variable)
                || FindLiteralHoldingOnlyTheKey(root, diagnostic.Location.SourceSpan) is not { } literal
                || !EnvironmentVariableRead.CanReplace(literal))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Read the key from the environment variable {variable}",
                    cancellationToken => ReplaceAsync(context.Document, literal, variable!, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

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

    private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string variable, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(EnvironmentVariableRead.Replace(root, literal, variable));
    }
}
