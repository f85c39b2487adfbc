using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// One secret-handling rule (KL2001–KL2005): its descriptor, the trigger that makes a method body worth analyzing
/// (a source read, a sink call) and the analysis of such a body. <see cref="SecretHandlingAnalyzer"/> runs all of
/// them behind one registration and calls <see cref="Analyze"/> only for bodies in which this rule's trigger matched.
/// </summary>
internal abstract class FlowRule
{
    private static readonly OperationKind[] Invocations = { OperationKind.Invocation };

    public abstract DiagnosticDescriptor Descriptor { get; }

    /// <summary>
    /// The kinds of operation <see cref="IsTrigger"/> can match: invocations, unless a rule says more. An array, not an
    /// immutable array: every generic instantiation over a value type is JIT-compiled again in each compiler process.
    /// </summary>
    public virtual OperationKind[] TriggerKinds => Invocations;

    /// <summary>True when <paramref name="operation"/> (of one of <see cref="TriggerKinds"/>) makes its method body worth analyzing.</summary>
    public abstract bool IsTrigger(IOperation operation);

    /// <summary>Reports this rule's findings in a body in which <see cref="IsTrigger"/> matched.</summary>
    public abstract void Analyze(OperationBlockAnalysisContext context);
}
