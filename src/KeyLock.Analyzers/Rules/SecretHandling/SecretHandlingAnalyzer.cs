using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// Runs the secret-handling rules KL2001–KL2005 (<see cref="FlowRule"/>) behind one registration: one operation action
/// over their trigger kinds marks the operation tree a trigger sits in with the rules it triggered, and one
/// operation-block action runs the flow analysis of just those rules, only for marked method bodies.
/// </summary>
/// <remarks>
/// One analyzer, not five: the driver pays its cost per callback for every analyzer, so five analyzers with the same
/// registrations paid it five times for every invocation and every method body. On Semantic Kernel (16 compilations,
/// one process, steady state, medians) the five registrations with every trigger returning false cost 0.04–0.05 s,
/// about half of the working rules' 0.10–0.11 s; one registration with every trigger false costs 0.01–0.02 s, and
/// the working rules behind it 0.07–0.08 s.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretHandlingAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<FlowRule> AllRules = ImmutableArray.Create<FlowRule>(
        new WholeEnvironmentExposedRule(),
        new WholeEnvironmentToChildProcessRule(),
        new SecretInProcessEnvironmentRule(),
        new SecretsInOneBlobRule(),
        new SecretLeakedRule());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        AllRules.Select(rule => rule.Descriptor).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var rules = AllRules
                .Where(rule => !CompilationWideSuppression.IsOff(start.Compilation, rule.Descriptor.Id, start.CancellationToken))
                .ToArray();
            if (rules.Length > 0)
            {
                Register(start, rules);
            }
        });
    }

    /// <summary>Rule <c>i</c> of <paramref name="rules"/> is bit <c>1 &lt;&lt; i</c> of a <see cref="TriggeredBlocks"/> mark.</summary>
    private static void Register(CompilationStartAnalysisContext start, FlowRule[] rules)
    {
        var triggered = new TriggeredBlocks();
        var invocationChecks = rules.OfType<IInvocationCheck>().ToArray();
        var kinds = rules.SelectMany(rule => rule.TriggerKinds);
        if (invocationChecks.Length > 0)
        {
            kinds = kinds.Append(OperationKind.Invocation);
        }

        foreach (var kind in kinds.Distinct())
        {
            var triggers = TriggersOf(rules, kind);
            var checks = kind == OperationKind.Invocation ? invocationChecks : System.Array.Empty<IInvocationCheck>();
            start.RegisterOperationAction(context => OnOperation(context, triggers, checks, triggered), kind);
        }

        start.RegisterOperationBlockAction(context =>
        {
            var marked = triggered.Take(context.OperationBlocks);
            for (var i = 0; marked != 0; i++, marked >>= 1)
            {
                if ((marked & 1) != 0)
                {
                    rules[i].Analyze(context);
                }
            }
        });
    }

    private static void OnOperation(
        OperationAnalysisContext context, (FlowRule Rule, int Bit)[] triggers, IInvocationCheck[] checks, TriggeredBlocks triggered)
    {
        var operation = context.Operation;
        if (checks.Length > 0 && operation is IInvocationOperation invocation)
        {
            foreach (var check in checks)
            {
                check.Check(context, invocation);
            }
        }

        var marked = 0;
        foreach (var (rule, bit) in triggers)
        {
            if (rule.IsTrigger(operation))
            {
                marked |= bit;
            }
        }

        if (marked != 0)
        {
            triggered.Mark(operation, marked);
        }
    }

    private static (FlowRule Rule, int Bit)[] TriggersOf(FlowRule[] rules, OperationKind kind) =>
        rules.Select((rule, index) => (rule, 1 << index)).Where(entry => entry.rule.TriggerKinds.Contains(kind)).ToArray();
}
