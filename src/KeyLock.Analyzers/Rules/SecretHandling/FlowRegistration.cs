using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
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
            var triggered = new TriggeredBlocks();
            start.RegisterOperationAction(
                operation =>
                {
                    if (isTrigger(operation.Operation))
                    {
                        triggered.Mark(RootOf(operation.Operation));
                    }
                },
                triggerKinds);
            start.RegisterOperationBlockAction(end =>
            {
                if (triggered.TakeAny(end.OperationBlocks))
                {
                    analyze(end);
                }
            });
        });
    }

    /// <summary>
    /// Roots of the operation trees that hold a trigger and whose block action has not run yet. Almost every block
    /// action of a compilation finds none, so the count is read first: a dictionary lookup for every method body of a
    /// large project cost more than all the rule's own work (measured on Semantic Kernel).
    /// </summary>
    private sealed class TriggeredBlocks
    {
        private readonly ConcurrentDictionary<IOperation, bool> _roots = new();
        private int _count;

        public void Mark(IOperation root)
        {
            if (_roots.TryAdd(root, true))
            {
                Interlocked.Increment(ref _count);
            }
        }

        /// <summary>True when one of <paramref name="blocks"/> was marked; takes the marks off.</summary>
        public bool TakeAny(ImmutableArray<IOperation> blocks)
        {
            if (Volatile.Read(ref _count) == 0)
            {
                return false;
            }

            var any = false;
            foreach (var block in blocks)
            {
                if (_roots.TryRemove(RootOf(block), out _))
                {
                    Interlocked.Decrement(ref _count);
                    any = true;
                }
            }

            return any;
        }
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
