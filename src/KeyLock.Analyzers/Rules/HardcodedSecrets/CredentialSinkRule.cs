using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1004: a constant, random-looking value flowing into a credential sink: a credential type
/// (<c>ApiKeyCredential</c>, <c>AzureKeyCredential</c>, <c>AuthenticationHeaderValue</c>…), a parameter named
/// like a key (<c>apiKey:</c>, <c>token:</c>, <c>key:</c> of a client), an auth header or a setting named like a
/// key (<c>headers.Add("x-api-key", …)</c>, <c>settings["OpenAI:ApiKey"] = …</c>), or a member, variable or
/// parameter default named like one (<c>ApiKey = "…"</c>). Values a catalog pattern recognizes on their own are
/// left to KL1001–KL1003; low-confidence patterns, which need exactly this context, are reported here under
/// their own rule. Runs inside <see cref="HardcodedSecretLiteralAnalyzer"/>, which reads every string literal anyway
/// and hands over the catalog's verdict on it.
/// </summary>
/// <remarks>
/// Literal first: the rule starts from the values, never from the sinks. A string literal (or a const that
/// <see cref="SecretLookingConstants"/> found) that could be reported somewhere is the only thing that reaches the
/// semantic model; from its operation the rule climbs through conversions and <c>?:</c>/<c>??</c> branches to the
/// one place the value goes (<see cref="CredentialSinks"/>). Starting from the sinks instead meant a callback on
/// every argument, invocation, conversion and assignment of the compilation: on Semantic Kernel that was most of
/// KeyLock's analysis time for a rule that almost never fires.
/// </remarks>
internal static class CredentialSinkRule
{
    /// <summary>Consts that look secret but are not named so are reported where they are used (<see cref="SecretLookingConstants"/>).</summary>
    public static void RegisterConstantUses(CompilationStartAnalysisContext start)
    {
        var constants = SecretLookingConstants.Find(start.Compilation, start.CancellationToken);
        if (!constants.IsEmpty)
        {
            start.RegisterSemanticModelAction(model => AnalyzeConstantUses(model, constants));
        }
    }

    /// <summary>
    /// Reports <paramref name="literal"/> where it goes into a sink. <paramref name="value"/> is its value, and
    /// <paramref name="catalogMatch"/> says whether the catalog found a key in it (the caller has just scanned it for KL1001–KL1003).
    /// </summary>
    public static void AnalyzeLiteral(SyntaxNodeAnalysisContext context, LiteralExpressionSyntax literal, string value, bool catalogMatch)
    {
        if (Concatenation.Contains(literal))
        {
            // Only the folded value can be judged, after binding, and once per concatenation: from its first literal.
            if (!Concatenation.IsFirstPiece(literal, static node => node.IsKind(SyntaxKind.StringLiteralExpression)) || !Concatenation.MayFoldIntoOneToken(literal))
            {
                return;
            }
        }
        else if (literal.Token.Text.Length < SecretShape.MinimumLength + 2 || !CredentialSinks.CouldBeReported(value, catalogMatch))
        {
            // Judged by its own text before any semantic work (quotes included, a shorter token cannot hold 16 characters).
            return;
        }

        if (context.SemanticModel.GetOperation(literal, context.CancellationToken) is not { } operation)
        {
            return;
        }

        var leaf = ConstantLeaf(operation);
        if (leaf.ConstantValue is not { HasValue: true, Value: string text } || (leaf != operation && !CredentialSinks.CouldBeReported(text)))
        {
            return;
        }

        var declaredConstLocal = CredentialSinks.Analyze(leaf, text, context.ReportDiagnostic);
        if (declaredConstLocal is not null)
        {
            // A const local not named like a credential is reported where it is used, which is in this body.
            SecretLookingConstants.AnalyzeLocalUses(context.SemanticModel, declaredConstLocal, context.ReportDiagnostic, context.CancellationToken);
        }
    }

    private static void AnalyzeConstantUses(SemanticModelAnalysisContext context, SecretLookingConstants constants) =>
        constants.AnalyzeFieldUses(context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);

    /// <summary>
    /// The constant <paramref name="operation"/> is part of, as the sinks see it: a concatenation or interpolation is one
    /// value, and so is an explicit cast of a constant, while an implicit conversion is how the value reaches its sink.
    /// </summary>
    /// <remarks>
    /// The chain is climbed without reading constant values on the way: each read of a folded string builds the whole
    /// string, which made a 10,000-piece concatenation cost O(n²) per piece.
    /// </remarks>
    internal static IOperation ConstantLeaf(IOperation operation)
    {
        var leaf = operation;
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (ConstantText.IsStringComposite(parent))
            {
                leaf = parent;
            }
            else if (parent is not (IInterpolationOperation or IParenthesizedOperation))
            {
                break;
            }
        }

        if (leaf != operation && !leaf.ConstantValue.HasValue)
        {
            return operation; // a piece of a value built at run time goes into no sink as a constant
        }

        while (leaf.Parent is IConversionOperation { IsImplicit: false, ConstantValue.HasValue: true } or IConditionalOperation { ConstantValue.HasValue: true })
        {
            leaf = leaf.Parent;
        }

        return leaf;
    }
}
