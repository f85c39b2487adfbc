using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// The consts whose uses KL1004 must look at: a const whose value could be a secret but whose name does not say so
/// (<c>const string DefaultValue = "…"; new ApiKeyCredential(DefaultValue)</c>) is reported where it goes into a sink,
/// which only its uses show. A const named like a credential is reported at its declaration instead.
/// </summary>
/// <remarks>
/// Found from the declarations alone (no method body is walked, no symbol is asked for), once per syntax tree, so the
/// usual compilation, which has none, pays for little more than a walk over its type members; then only files whose
/// text names one of them are searched. Consts declared in referenced assemblies are not followed.
/// </remarks>
internal sealed class SecretLookingConstants
{
    private static readonly VariableDeclaratorSyntax[] NoDeclarators = new VariableDeclaratorSyntax[0];

    private static readonly ConditionalWeakTable<SyntaxTree, VariableDeclaratorSyntax[]> DeclaredIn = new();

    private static readonly SecretLookingConstants None = new(new Dictionary<string, List<VariableDeclaratorSyntax>>(StringComparer.Ordinal));

    // By name; the declarators, not symbols: asking for a symbol at compilation start builds the compilation's symbol
    // tables on this rule's clock (0.3 s in a fresh compiler process), before the compiler itself needs them.
    private readonly Dictionary<string, List<VariableDeclaratorSyntax>> _fieldsByName;

    private SecretLookingConstants(Dictionary<string, List<VariableDeclaratorSyntax>> fieldsByName) => _fieldsByName = fieldsByName;

    public bool IsEmpty => _fieldsByName.Count == 0;

    public static SecretLookingConstants Find(Compilation compilation, CancellationToken cancellationToken)
    {
        Dictionary<string, List<VariableDeclaratorSyntax>>? found = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            // A tree is immutable and outlives the compilation it is in (the IDE builds a new compilation on each edit and
            // keeps the trees of unchanged files), so each is scanned once.
            foreach (var declarator in DeclaredIn.GetValue(tree, unscanned => Scan(unscanned, cancellationToken)))
            {
                found ??= new Dictionary<string, List<VariableDeclaratorSyntax>>(StringComparer.Ordinal);
                if (!found.TryGetValue(declarator.Identifier.ValueText, out var declarators))
                {
                    found[declarator.Identifier.ValueText] = declarators = new List<VariableDeclaratorSyntax>();
                }

                declarators.Add(declarator);
            }
        }

        return found is null ? None : new SecretLookingConstants(found);
    }

    private static VariableDeclaratorSyntax[] Scan(SyntaxTree tree, CancellationToken cancellationToken)
    {
        List<VariableDeclaratorSyntax>? found = null;
        foreach (var declarator in ConstStringFieldDeclarators(tree.GetRoot(cancellationToken)))
        {
            if (declarator.Initializer is { Value: var value } && !CredentialNames.IsCredentialName(declarator.Identifier.ValueText) && MayLookSecret(value))
            {
                (found ??= new List<VariableDeclaratorSyntax>()).Add(declarator);
            }
        }

        return found is null ? NoDeclarators : found.ToArray();
    }

    /// <summary>Reports each use of one of these consts that goes into a sink, in the file of <paramref name="model"/>.</summary>
    public void AnalyzeFieldUses(SemanticModel model, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var text = model.SyntaxTree.GetText(cancellationToken).ToString();
        foreach (var entry in _fieldsByName)
        {
            if (text.IndexOf(entry.Key, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var reference in References(model, model.SyntaxTree.GetRoot(cancellationToken), entry.Key, cancellationToken))
            {
                if (reference is IFieldReferenceOperation { Field: { IsConst: true } field } && IsDeclaredBy(field, entry.Value))
                {
                    AnalyzeUse(reference, IsMention, report);
                }
            }
        }
    }

    /// <summary>Reports each use of the const <paramref name="local"/> (declared in the file of <paramref name="model"/>) that goes into a sink.</summary>
    public static void AnalyzeLocalUses(SemanticModel model, ILocalSymbol local, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        // A local is visible only in the block (or switch section, or top-level statements) that declares it.
        var scope = local.DeclaringSyntaxReferences.Length == 1 ? local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) : null;
        while (scope is not null and not (BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax))
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return;
        }

        foreach (var reference in References(model, scope, local.Name, cancellationToken))
        {
            if (reference is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local))
            {
                AnalyzeUse(reference, node => node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name, report);
            }
        }
    }

    private static void AnalyzeUse(IOperation reference, Func<SyntaxNode, bool> isMention, Action<Diagnostic> report)
    {
        // A concatenation is judged once: from its first literal (the literal action does that) or, with none, from the
        // first mention of one of these consts.
        if (reference.Syntax is ExpressionSyntax expression && Concatenation.Contains(expression)
            && !Concatenation.IsFirstPiece(expression, node => node.IsKind(SyntaxKind.StringLiteralExpression) || isMention(node)))
        {
            return;
        }

        var leaf = CredentialSinkRule.ConstantLeaf(reference);
        if (leaf.ConstantValue is not { HasValue: true, Value: string text }
            || (leaf != reference && (ContainsLiteral(leaf.Syntax) || !CredentialSinks.CouldBeReported(text))))
        {
            return;
        }

        CredentialSinks.Analyze(leaf, text, report);
    }

    /// <summary>
    /// Whether a const initialized by <paramref name="value"/> can hold a secret-looking string: literals are read from
    /// syntax; a value built from other consts can only be judged once bound, at a use, unless a literal piece of it
    /// already has whitespace inside.
    /// </summary>
    private static bool MayLookSecret(ExpressionSyntax value) => Concatenation.LiteralValue(value) is { } text
        ? CredentialSinks.CouldBeReported(text)
        : value is IdentifierNameSyntax or MemberAccessExpressionSyntax
            || (value is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } && Concatenation.MayFoldIntoOneToken(value));

    private static bool IsDeclaredBy(IFieldSymbol field, List<VariableDeclaratorSyntax> declarators)
    {
        foreach (var reference in field.OriginalDefinition.DeclaringSyntaxReferences)
        {
            foreach (var declarator in declarators)
            {
                if (reference.SyntaxTree == declarator.SyntaxTree && reference.Span == declarator.Span)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsMention(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax identifier => _fieldsByName.ContainsKey(identifier.Identifier.ValueText),
        MemberAccessExpressionSyntax access => _fieldsByName.ContainsKey(access.Name.Identifier.ValueText),
        _ => false,
    };

    /// <summary>The operations of every expression in <paramref name="scope"/> that names <paramref name="name"/> (<c>Name</c> or <c>Type.Name</c>).</summary>
    private static IEnumerable<IOperation> References(SemanticModel model, SyntaxNode scope, string name, CancellationToken cancellationToken)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name
                && model.GetOperation(ReferenceExpression(identifier), cancellationToken) is { } operation)
            {
                yield return operation;
            }
        }
    }

    private static SyntaxNode ReferenceExpression(IdentifierNameSyntax identifier) =>
        identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;

    private static bool ContainsLiteral(SyntaxNode value)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            if (node.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The declarators of <c>const string</c> fields, found without entering any method body.</summary>
    private static IEnumerable<VariableDeclaratorSyntax> ConstStringFieldDeclarators(SyntaxNode root)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var member in Members(pending.Pop()))
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax:
                        pending.Push(member);
                        break;
                    case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword) && IsStringType(field.Declaration.Type):
                        foreach (var declarator in field.Declaration.Variables)
                        {
                            yield return declarator;
                        }

                        break;
                }
            }
        }
    }

    private static SyntaxList<MemberDeclarationSyntax> Members(SyntaxNode container) => container switch
    {
        CompilationUnitSyntax unit => unit.Members,
        BaseNamespaceDeclarationSyntax ns => ns.Members,
        TypeDeclarationSyntax type => type.Members,
        _ => default,
    };

    private static bool IsStringType(TypeSyntax type) => type switch
    {
        PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.StringKeyword),
        IdentifierNameSyntax { Identifier.ValueText: "String" } => true,
        QualifiedNameSyntax { Right.Identifier.ValueText: "String" } => true,
        _ => false,
    };
}
