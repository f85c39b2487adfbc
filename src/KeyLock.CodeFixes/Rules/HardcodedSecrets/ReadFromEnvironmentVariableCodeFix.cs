using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using KeyLock.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KeyLock.CodeFixes.Rules.HardcodedSecrets;

/// <summary>
/// The shared shape of KeyLock's "read it from the environment" fixes: the diagnostic names the variable
/// (<see cref="DiagnosticPropertyNames.EnvironmentVariable"/>), the rule's fix finds the expression to replace, and
/// <see cref="EnvironmentVariableRead"/> does the rewrite. FixAll batches them.
/// </summary>
public abstract class ReadFromEnvironmentVariableCodeFix : CodeFixProvider
{
    private readonly string _equivalenceKey;

    protected ReadFromEnvironmentVariableCodeFix(string diagnosticId)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _equivalenceKey = diagnosticId + ".ReadFromEnvironmentVariable";
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
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
                || FindValue(root, diagnostic) is not { } value
                || !EnvironmentVariableRead.CanReplace(value))
            {
                continue;
            }

            var prefix = KeptPrefix(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title(variable!),
                    cancellationToken => ReplaceAsync(context.Document, value, variable!, prefix, cancellationToken),
                    _equivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The expression the diagnostic reports that is exactly the secret, or null where there is none to replace.</summary>
    protected abstract ExpressionSyntax? FindValue(SyntaxNode root, Diagnostic diagnostic);

    protected abstract string Title(string variable);

    /// <summary>Text kept in front of the read, e.g. an auth scheme (<c>Bearer </c>) that is not part of the secret.</summary>
    protected virtual string? KeptPrefix(Diagnostic diagnostic) => null;

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax value, string variable, string? prefix, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(EnvironmentVariableRead.Replace(root, value, variable, prefix));
    }
}
