using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using KeyLock.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KeyLock.CodeFixes.Rules.HardcodedSecrets;

/// <summary>
/// KL1004: replaces the hardcoded value with a read of an environment variable that fails loudly when it
/// is unset. The variable comes from the diagnostic (the provider's conventional name when the API hints
/// at one, else derived from the member, parameter, header or setting name); an auth scheme such as
/// <c>Bearer </c> in front of the secret is kept. Not offered where C# requires a constant.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CredentialSinkCodeFixProvider))]
[Shared]
public sealed class CredentialSinkCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.SecretInCredentialSink + ".ReadFromEnvironmentVariable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SecretInCredentialSink);

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
            if (!diagnostic.Location.IsInSource
                || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.EnvironmentVariable, out var variable)
                || string.IsNullOrEmpty(variable)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
                || value.Span != diagnostic.Location.SourceSpan
                || !EnvironmentVariableRead.CanReplace(value))
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.AuthorizationScheme, out var scheme);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Read the value from the environment variable {variable}",
                    cancellationToken => ReplaceAsync(context.Document, value, variable!, scheme, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax value, string variable, string? scheme, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(EnvironmentVariableRead.Replace(root, value, variable, scheme));
    }
}
