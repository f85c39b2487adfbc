using System.Composition;
using KeyLock.Analyzers;
using Microsoft.CodeAnalysis;
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
public sealed class CredentialSinkCodeFixProvider : ReadFromEnvironmentVariableCodeFix
{
    public CredentialSinkCodeFixProvider()
        : base(DiagnosticIds.SecretInCredentialSink)
    {
    }

    protected override ExpressionSyntax? FindValue(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Location.IsInSource
        && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value
        && value.Span == diagnostic.Location.SourceSpan
            ? value
            : null;

    protected override string Title(string variable) => $"Read the value from the environment variable {variable}";

    protected override string? KeptPrefix(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.AuthorizationScheme, out var scheme) ? scheme : null;
}
