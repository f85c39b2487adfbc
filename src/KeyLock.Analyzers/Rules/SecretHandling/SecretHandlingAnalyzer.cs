using System.Collections.Immutable;
using System.Collections.Generic;
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
    // Plain arrays and loops below, no LINQ, HashSet or tuples: each generic instantiation over a value type
    // (OperationKind, a tuple) is JIT-compiled again in every compiler process, which cost ~15 ms per project
    // with one csc process per project (Semantic Kernel, measured).
    private static readonly FlowRule[] AllRules =
    {
        new WholeEnvironmentExposedRule(),
        new WholeEnvironmentToChildProcessRule(),
        new SecretInProcessEnvironmentRule(),
        new SecretsInOneBlobRule(),
        new SecretLeakedRule(),
    };

    private static readonly IInvocationCheck[] NoChecks = new IInvocationCheck[0];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var rules = new List<FlowRule>(AllRules.Length);
            foreach (var rule in AllRules)
            {
                if (!CompilationWideSuppression.IsOff(start.Compilation, rule.Descriptor.Id, start.CancellationToken))
                {
                    rules.Add(rule);
                }
            }

            if (rules.Count > 0)
            {
                Register(start, rules.ToArray());
            }
        });
    }

    private static ImmutableArray<DiagnosticDescriptor> Descriptors()
    {
        var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>(AllRules.Length);
        foreach (var rule in AllRules)
        {
            descriptors.Add(rule.Descriptor);
        }

        return descriptors.MoveToImmutable();
    }

    /// <summary>Rule <c>i</c> of <paramref name="rules"/> is bit <c>1 &lt;&lt; i</c> of a <see cref="TriggeredBlocks"/> mark.</summary>
    private static void Register(CompilationStartAnalysisContext start, FlowRule[] rules)
    {
        var triggered = new TriggeredBlocks();
        var invocationChecks = InvocationChecksOf(rules);
        foreach (var kind in TriggerKindsOf(rules, withInvocations: invocationChecks.Length > 0))
        {
            var triggers = TriggersOf(rules, kind);
            var checks = kind == OperationKind.Invocation ? invocationChecks : NoChecks;
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

    private static void OnOperation(OperationAnalysisContext context, Trigger[] triggers, IInvocationCheck[] checks, TriggeredBlocks triggered)
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
        foreach (var trigger in triggers)
        {
            if (trigger.Rule.IsTrigger(operation))
            {
                marked |= trigger.Bit;
            }
        }

        if (marked != 0)
        {
            triggered.Mark(operation, marked);
        }
    }

    private static IInvocationCheck[] InvocationChecksOf(FlowRule[] rules)
    {
        var checks = new List<IInvocationCheck>();
        foreach (var rule in rules)
        {
            if (rule is IInvocationCheck check)
            {
                checks.Add(check);
            }
        }

        return checks.ToArray();
    }

    /// <summary>Every kind some rule triggers on, each once (plus invocations for the invocation checks).</summary>
    private static OperationKind[] TriggerKindsOf(FlowRule[] rules, bool withInvocations)
    {
        var size = 1;
        foreach (var rule in rules)
        {
            size += rule.TriggerKinds.Length;
        }

        var kinds = new OperationKind[size];
        var count = 0;
        if (withInvocations)
        {
            kinds[count++] = OperationKind.Invocation;
        }

        foreach (var rule in rules)
        {
            foreach (var kind in rule.TriggerKinds)
            {
                if (!Contains(kinds, count, kind))
                {
                    kinds[count++] = kind;
                }
            }
        }

        var distinct = new OperationKind[count];
        for (var i = 0; i < count; i++)
        {
            distinct[i] = kinds[i];
        }

        return distinct;
    }

    private static bool Contains(OperationKind[] kinds, int count, OperationKind kind)
    {
        for (var i = 0; i < count; i++)
        {
            if (kinds[i] == kind)
            {
                return true;
            }
        }

        return false;
    }

    private static Trigger[] TriggersOf(FlowRule[] rules, OperationKind kind)
    {
        var triggers = new List<Trigger>();
        for (var i = 0; i < rules.Length; i++)
        {
            if (Contains(rules[i].TriggerKinds, rules[i].TriggerKinds.Length, kind))
            {
                triggers.Add(new Trigger(rules[i], 1 << i));
            }
        }

        return triggers.ToArray();
    }

    /// <summary>A rule and its bit in this compilation's marks.</summary>
    private sealed class Trigger
    {
        public Trigger(FlowRule rule, int bit)
        {
            Rule = rule;
            Bit = bit;
        }

        public FlowRule Rule { get; }

        public int Bit { get; }
    }
}
