using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Detection;

/// <summary>
/// Helpers for constant string expressions built from pieces: <c>"sk-proj-" + Rest</c>,
/// <c>$"{Prefix}{Rest}"</c> with const strings, and arrays of char constants. Pure functions over
/// <see cref="IOperation"/>; no recursion, so a chain of ten thousand <c>+</c> cannot overflow the stack.
/// </summary>
internal static class ConstantText
{
    /// <summary>
    /// True for a string concatenation or an interpolated string whose value C# folded into a constant.
    /// A plain <c>$"text"</c> without holes is left to the literal scan.
    /// </summary>
    /// <remarks>
    /// Reading <see cref="IOperation.ConstantValue"/> of a folded string materializes the whole string, so
    /// callers ask it only of the top of a chain (<see cref="IsTopOfChain"/>) and of its maximal constant
    /// parts (<see cref="MaximalConstants"/>): a chain of n pieces costs O(n), not O(n²).
    /// </remarks>
    public static bool IsFoldedString(IOperation operation) => IsStringComposite(operation)
        && operation.ConstantValue is { HasValue: true, Value: string }
        && (operation is not IInterpolatedStringOperation interpolated || HasHole(interpolated));

    /// <summary>A string concatenation or an interpolated string, constant or not; no constant value is read.</summary>
    public static bool IsStringComposite(IOperation operation) => operation switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => binary.Type?.SpecialType == SpecialType.System_String,
        IInterpolatedStringOperation => true,
        _ => false,
    };

    /// <summary>True when no enclosing concatenation or interpolation continues this one.</summary>
    public static bool IsTopOfChain(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IInterpolationOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent is null || !IsStringComposite(parent);
    }

    /// <summary>
    /// The outermost folded-constant expressions inside a chain: the top itself when it is constant, else its
    /// constant operands and holes (<c>"sk-" + "proj-…" + name</c> → <c>"sk-" + "proj-…"</c>). Iterative.
    /// </summary>
    public static IReadOnlyList<IOperation> MaximalConstants(IOperation top)
    {
        // Most chains are interpolations with plain holes or one folded constant: nothing is allocated for those
        // beyond the result (the analyzer calls this for every string concatenation and interpolation).
        List<IOperation>? found = null;
        Stack<IOperation>? pending = null;
        IOperation? operation = top;
        while (operation is not null)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            IOperation? next = null;
            if (IsFoldedString(operation))
            {
                (found ??= new List<IOperation>()).Add(operation);
            }
            else if (operation is IBinaryOperation binary && IsStringComposite(binary))
            {
                // Left first, so constants come out left to right.
                (pending ??= new Stack<IOperation>()).Push(binary.RightOperand);
                next = binary.LeftOperand;
            }
            else if (operation is IInterpolatedStringOperation interpolated)
            {
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && MayHoldComposite(hole.Expression))
                    {
                        (pending ??= new Stack<IOperation>()).Push(hole.Expression);
                    }
                }
            }

            operation = next ?? (pending is { Count: > 0 } ? pending.Pop() : null);
        }

        return (IReadOnlyList<IOperation>?)found ?? Array.Empty<IOperation>();
    }

    private static bool MayHoldComposite(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return IsStringComposite(operation);
    }

    /// <summary>
    /// The [start, end) ranges that each leaf (a literal, a const reference, any other constant) covers in
    /// the folded value, left to right. Returns <see langword="null"/> when the pieces do not add up to
    /// <paramref name="length"/>, which callers treat as "cannot attribute to one piece".
    /// </summary>
    public static List<(int Start, int End)>? LeafRanges(IOperation root, int length)
    {
        var ranges = new List<(int Start, int End)>();
        var pending = new Stack<IOperation>();
        pending.Push(root);
        var offset = 0;
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            switch (operation)
            {
                // Inside a constant root every concatenation is constant too: no need to read (and materialize) its value.
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when IsStringComposite(binary):
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                    break;
                case IInterpolatedStringOperation interpolated:
                    for (var i = interpolated.Parts.Length - 1; i >= 0; i--)
                    {
                        pending.Push(interpolated.Parts[i]);
                    }

                    break;
                case IInterpolationOperation interpolation:
                    pending.Push(interpolation.Expression);
                    break;
                case IInterpolatedStringTextOperation text:
                    pending.Push(text.Text);
                    break;
                case IConversionOperation conversion when IsStringComposite(conversion.Operand):
                    pending.Push(conversion.Operand);
                    break;
                default:
                    var piece = operation.ConstantValue is { HasValue: true, Value: var value } ? value?.ToString() ?? string.Empty : null;
                    if (piece is null)
                    {
                        return null;
                    }

                    ranges.Add((offset, offset + piece.Length));
                    offset += piece.Length;
                    break;
            }
        }

        return offset == length ? ranges : null;
    }

    /// <summary>True when [<paramref name="start"/>, <paramref name="end"/>) lies inside one piece.</summary>
    public static bool IsInsideOnePiece(List<(int Start, int End)>? ranges, int start, int end)
    {
        if (ranges is null)
        {
            return false;
        }

        foreach (var range in ranges)
        {
            if (start >= range.Start && end <= range.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The text of an array or collection of char constants (<c>new[] { 's', 'k', … }</c>, <c>['s', 'k']</c>),
    /// or <see langword="null"/> when any element is not a char constant or there are fewer than
    /// <paramref name="minimumLength"/> elements.
    /// </summary>
    public static string? JoinChars(IReadOnlyList<IOperation> elements, int minimumLength)
    {
        if (elements.Count < minimumLength)
        {
            return null;
        }

        var characters = new char[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            while (element is IConversionOperation { IsImplicit: true } conversion)
            {
                element = conversion.Operand;
            }

            if (element.ConstantValue is not { HasValue: true, Value: char c })
            {
                return null;
            }

            characters[i] = c;
        }

        return new string(characters);
    }

    private static bool HasHole(IInterpolatedStringOperation interpolated)
    {
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolationOperation)
            {
                return true;
            }
        }

        return false;
    }
}
