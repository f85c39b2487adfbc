using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace KeyLock.CodeFixes.Rules.HardcodedSecrets;

/// <summary>
/// Builds <c>Environment.GetEnvironmentVariable("X") ?? throw new InvalidOperationException(…)</c> in
/// place of a literal, and turns a <c>const</c> that held the literal into something that can hold a
/// run-time value.
/// </summary>
internal static class EnvironmentVariableRead
{
    /// <summary>
    /// False where C# requires a constant and no declaration can be changed to lift that: attribute
    /// arguments, parameter defaults, patterns and case labels, and multi-variable const declarations.
    /// </summary>
    public static bool CanReplace(ExpressionSyntax literal)
    {
        foreach (var ancestor in literal.Ancestors())
        {
            switch (ancestor)
            {
                case AttributeArgumentSyntax:
                case ParameterSyntax:
                case PatternSyntax:
                case SwitchLabelSyntax:
                    return false;
                case FieldDeclarationSyntax field:
                    return !IsConst(field.Modifiers) || field.Declaration.Variables.Count == 1;
                case LocalDeclarationStatementSyntax local:
                    return !local.IsConst || local.Declaration.Variables.Count == 1;
                case StatementSyntax:
                case MemberDeclarationSyntax:
                case AnonymousFunctionExpressionSyntax:
                    return true;
            }
        }

        return true;
    }

    /// <summary>
    /// Replaces <paramref name="literal"/> (a literal or any constant expression) with the read; a non-empty
    /// <paramref name="prefix"/> (an auth scheme such as <c>Bearer </c>) is kept in front: <c>"Bearer " + (read)</c>.
    /// </summary>
    public static SyntaxNode Replace(SyntaxNode root, ExpressionSyntax literal, string variable, string? prefix = null)
    {
        var declaration = literal.Ancestors().FirstOrDefault(a => a is FieldDeclarationSyntax or LocalDeclarationStatementSyntax
            || a is StatementSyntax or MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax);
        ExpressionSyntax read = Build(variable);
        if (!string.IsNullOrEmpty(prefix))
        {
            read = SyntaxFactory.BinaryExpression(
                SyntaxKind.AddExpression,
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(prefix!)),
                read);
        }

        read = read.WithTriviaFrom(literal);

        switch (declaration)
        {
            case FieldDeclarationSyntax field when IsConst(field.Modifiers):
                var newField = field.ReplaceNode(literal, read);
                return root.ReplaceNode(field, newField.WithModifiers(ConstToStaticReadonly(newField.Modifiers)));
            case LocalDeclarationStatementSyntax local when local.IsConst:
                var newLocal = local.ReplaceNode(literal, read);
                var constKeyword = newLocal.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                return root.ReplaceNode(local, newLocal.WithModifiers(newLocal.Modifiers.Remove(constKeyword)).WithLeadingTrivia(local.GetLeadingTrivia()));
            default:
                return root.ReplaceNode(literal, read);
        }
    }

    private static ExpressionSyntax Build(string variable)
    {
        var name = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(variable));
        var message = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal($"Set the {variable} environment variable."));
        var read = SyntaxFactory.BinaryExpression(
            SyntaxKind.CoalesceExpression,
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("global::System.Environment.GetEnvironmentVariable").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(name)))),
            SyntaxFactory.ThrowExpression(SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.ParseTypeName("global::System.InvalidOperationException").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(message))),
                initializer: null)));

        // Parenthesized in case the literal was an operand (e.g. "Bearer " + key); the simplifier drops
        // the parentheses and the global:: qualifiers wherever they are not needed.
        return SyntaxFactory.ParenthesizedExpression(read)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }

    private static bool IsConst(SyntaxTokenList modifiers) => modifiers.Any(SyntaxKind.ConstKeyword);

    private static SyntaxTokenList ConstToStaticReadonly(SyntaxTokenList modifiers)
    {
        var constKeyword = modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
        var index = modifiers.IndexOf(constKeyword);
        var staticKeyword = SyntaxFactory.Token(constKeyword.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var readonlyKeyword = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, constKeyword.TrailingTrivia);
        return modifiers.RemoveAt(index).InsertRange(index, new[] { staticKeyword, readonlyKeyword });
    }
}
