using System.Collections.Immutable;
using KeyLock.Analyzers.Detection;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1001/KL1002/KL1003 for keys that no single literal holds: constants folded through <c>+</c> or
/// constant interpolated strings (literals, const fields and const locals as pieces), and arrays of char
/// constants. A finding is reported once, on the outermost constant expression, and only when no single
/// piece holds the whole key (that piece's literal is reported by <see cref="HardcodedSecretLiteralAnalyzer"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantExpressionSecretAnalyzer : DiagnosticAnalyzer
{
    // Shorter char arrays cannot hold any catalog key, and are common (separators, trim sets).
    private const int MinimumCharArrayLength = 16;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HardcodedSecretDescriptors.ProviderKey,
        HardcodedSecretDescriptors.PrivateKey,
        HardcodedSecretDescriptors.ConnectionString);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(AnalyzeFoldedString, OperationKind.Binary, OperationKind.InterpolatedString);
        context.RegisterOperationAction(AnalyzeArrayCreation, OperationKind.ArrayCreation);
        context.RegisterOperationAction(AnalyzeCollectionExpression, OperationKind.CollectionExpression);
    }

    private static void AnalyzeFoldedString(OperationAnalysisContext context)
    {
        var top = context.Operation;
        if (!ConstantText.IsStringComposite(top) || !ConstantText.IsTopOfChain(top))
        {
            return;
        }

        foreach (var operation in ConstantText.MaximalConstants(top))
        {
            AnalyzeConstant(context, operation);
        }
    }

    private static void AnalyzeConstant(OperationAnalysisContext context, IOperation operation)
    {
        var value = (string)operation.ConstantValue.Value!;
        var matches = SecretMatcher.Default.FindAll(value);
        if (matches.Count == 0)
        {
            return;
        }

        var pieces = ConstantText.LeafRanges(operation, value.Length);
        foreach (var match in matches)
        {
            if (SecretMatchReporter.IsReportedOnBareText(match) && !ConstantText.IsInsideOnePiece(pieces, match.Index, match.End))
            {
                context.ReportDiagnostic(SecretMatchReporter.Create(operation.Syntax.GetLocation(), value, match));
            }
        }
    }

    private static void AnalyzeArrayCreation(OperationAnalysisContext context)
    {
        var creation = (IArrayCreationOperation)context.Operation;
        if (creation.Initializer is { } initializer && creation.DimensionSizes.Length == 1)
        {
            ReportChars(context, ConstantText.JoinChars(initializer.ElementValues, MinimumCharArrayLength));
        }
    }

    private static void AnalyzeCollectionExpression(OperationAnalysisContext context)
    {
        var collection = (ICollectionExpressionOperation)context.Operation;
        ReportChars(context, ConstantText.JoinChars(collection.Elements, MinimumCharArrayLength));
    }

    private static void ReportChars(OperationAnalysisContext context, string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var match in SecretMatcher.Default.FindAll(text))
        {
            if (SecretMatchReporter.IsReportedOnBareText(match))
            {
                context.ReportDiagnostic(SecretMatchReporter.Create(context.Operation.Syntax.GetLocation(), text, match));
            }
        }
    }
}
