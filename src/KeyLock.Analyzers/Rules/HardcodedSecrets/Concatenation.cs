using System;
using System.Collections.Generic;
using System.Text;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// Where an expression sits in a <c>+</c> chain, from syntax alone: KL1004 judges a concatenation once, from its first
/// piece, and decides which piece is first before any semantic work.
/// </summary>
internal static class Concatenation
{
    /// <summary>True when <paramref name="expression"/> is an operand (through parentheses and casts) of a <c>+</c>.</summary>
    public static bool Contains(ExpressionSyntax expression) => EnclosingAdd(expression, out _) is not null;

    /// <summary>
    /// True when no piece (<paramref name="isPiece"/>) comes before <paramref name="expression"/> in its chain. Earlier
    /// operands are searched right to left, so in the usual left-leaning chain (<c>"a" + "b" + "c"</c>) every piece but the
    /// first is ruled out by its neighbour: a chain of n pieces costs O(n) in all, not O(n²).
    /// </summary>
    public static bool IsFirstPiece(ExpressionSyntax expression, Func<SyntaxNode, bool> isPiece)
    {
        SyntaxNode current = expression;
        while (EnclosingAdd(current, out var operand) is { } add)
        {
            if (add.Right == operand && ContainsPiece(add.Left, isPiece))
            {
                return false;
            }

            current = add;
        }

        return true;
    }

    /// <summary>
    /// False when the concatenation that holds <paramref name="piece"/> has a literal piece with whitespace inside it
    /// (<c>"Failed to read " + path</c>): its value cannot be one secret-looking token, so it is never bound. The one
    /// exception is an auth scheme in front (<c>"Bearer " + Token</c>).
    /// </summary>
    public static bool MayFoldIntoOneToken(ExpressionSyntax piece)
    {
        SyntaxNode top = piece;
        while (EnclosingAdd(top, out _) is { } add)
        {
            top = add;
        }

        var first = true;
        foreach (var operand in Operands(top, rightToLeft: false))
        {
            if (operand is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                && !IsCompact(literal.Token.ValueText, allowSchemeInFront: first))
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    /// <summary>
    /// The value of <paramref name="expression"/> when it is a string literal or literals joined by <c>+</c> (through
    /// parentheses and casts), read from syntax; <see langword="null"/> when anything else takes part.
    /// </summary>
    public static string? LiteralValue(ExpressionSyntax expression)
    {
        var text = new StringBuilder();
        foreach (var operand in Operands(expression, rightToLeft: false))
        {
            if (operand is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return null;
            }

            text.Append(literal.Token.ValueText);
        }

        return text.ToString();
    }

    /// <summary>No whitespace in <paramref name="text"/>, or, for the first piece, nothing but an auth scheme ("Bearer ").</summary>
    private static bool IsCompact(string text, bool allowSchemeInFront)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return allowSchemeInFront && SecretShape.AuthSchemeLength(text) == text.Length;
            }
        }

        return true;
    }

    private static BinaryExpressionSyntax? EnclosingAdd(SyntaxNode node, out SyntaxNode operand)
    {
        operand = node;
        var parent = node.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            operand = parent;
            parent = parent.Parent;
        }

        return parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add ? add : null;
    }

    private static bool ContainsPiece(ExpressionSyntax operand, Func<SyntaxNode, bool> isPiece)
    {
        // Right to left: the nearest operand decides most chains at once.
        foreach (var piece in Operands(operand, rightToLeft: true))
        {
            if (isPiece(piece))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operands of the <c>+</c> chain under <paramref name="node"/>, through parentheses and casts, in order.</summary>
    private static IEnumerable<SyntaxNode> Operands(SyntaxNode node, bool rightToLeft)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
                    pending.Push(rightToLeft ? add.Left : add.Right);
                    pending.Push(rightToLeft ? add.Right : add.Left);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push(parenthesized.Expression);
                    break;
                case CastExpressionSyntax cast:
                    pending.Push(cast.Expression);
                    break;
                case var operand:
                    yield return operand;
                    break;
            }
        }
    }
}
