using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// The cost gate of the secret-handling rules: flow analysis runs at the end of a method body only if
/// an operation in it matched the rule's trigger (a source read, a sink call). Methods that never read
/// the environment or configuration cost one cheap symbol comparison per invocation.
/// </summary>
/// <remarks>
/// One operation action and one operation-block action per compilation, not a block-start action per method
/// body: that allocated a gate, two closures and two registrations for every body (3.6 MB per rule on Semantic
/// Kernel) to serve the few that read a secret. A trigger marks the operation tree it sits in; the driver runs a
/// declaration's block actions after its operation actions, so the block action finds the mark and takes it off.
/// </remarks>
internal static class FlowRegistration
{
    public static void RegisterForBlocksContaining(
        AnalysisContext context,
        Func<IOperation, bool> isTrigger,
        Action<OperationBlockAnalysisContext> analyze,
        params OperationKind[] triggerKinds)
    {
        context.RegisterCompilationStartAction(start =>
        {
            // Roots of the operation trees that hold a trigger and whose block action has not run yet.
            var triggered = new ConcurrentDictionary<IOperation, bool>();
            start.RegisterOperationAction(
                operation =>
                {
                    if (isTrigger(operation.Operation))
                    {
                        triggered.TryAdd(RootOf(operation.Operation), true);
                    }
                },
                triggerKinds);
            start.RegisterOperationBlockAction(end =>
            {
                var open = false;
                foreach (var block in end.OperationBlocks)
                {
                    open |= triggered.TryRemove(RootOf(block), out _);
                }

                if (open)
                {
                    analyze(end);
                }
            });
        });
    }

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
