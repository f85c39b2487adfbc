using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// The cost gate of the secret-handling rules: flow analysis runs at the end of a method body only if
/// an operation in it matched the rule's trigger (a source read, a sink call). Methods that never read
/// the environment or configuration cost one cheap symbol comparison per invocation.
/// </summary>
internal static class FlowRegistration
{
    public static void RegisterForBlocksContaining(
        AnalysisContext context,
        Func<IOperation, bool> isTrigger,
        Action<OperationBlockAnalysisContext> analyze,
        params OperationKind[] triggerKinds)
    {
        context.RegisterOperationBlockStartAction(start =>
        {
            var gate = new Gate();
            start.RegisterOperationAction(
                operation =>
                {
                    if (!gate.IsOpen && isTrigger(operation.Operation))
                    {
                        gate.Open();
                    }
                },
                triggerKinds);
            start.RegisterOperationBlockEndAction(end =>
            {
                if (gate.IsOpen)
                {
                    analyze(end);
                }
            });
        });
    }

    private sealed class Gate
    {
        private int _open;

        public bool IsOpen => Volatile.Read(ref _open) != 0;

        public void Open() => Interlocked.Exchange(ref _open, 1);
    }
}
