using System.Collections.Generic;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// KL2002: values of the whole environment are copied into a child process's environment
/// (<c>ProcessStartInfo.Environment</c> or the legacy <c>EnvironmentVariables</c>), by indexer
/// assignment or <c>Add</c>, directly or through locals, <c>foreach</c> and LINQ. Copying a fixed
/// allowlist of variables, or building a minimal environment from single reads, is fine.
/// </summary>
internal sealed class WholeEnvironmentToChildProcessRule : FlowRule
{
    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.WholeEnvironmentToChildProcess,
        title: "Whole environment is copied into a child process",
        messageFormat: "Values of {0} are copied into the child process through '{1}'; clear it and pass only the variables the child needs",
        description: "A child process that receives a copy of the whole environment receives every provider key the parent holds, "
            + "and so does every tool, script or package that child runs. Clear ProcessStartInfo.Environment and set only the variables "
            + "the child needs, each read by name.",
        DiagnosticSeverity.Warning);

    private static readonly KnownType ProcessStartInfo = new("System.Diagnostics", "ProcessStartInfo");

    public override DiagnosticDescriptor Descriptor => Rule;

    // No gate on ProcessStartInfo being referenced: the trigger (a GetEnvironmentVariables() call) is rare, and
    // without ProcessStartInfo the name check in ChildEnvironment never matches.
    public override bool IsTrigger(IOperation operation) => SecretSources.IsWholeEnvironmentRead(operation);

    public override void Analyze(OperationBlockAnalysisContext context)
    {
        var flow = TaintFlow.Analyze(context.OperationBlocks, SecretSources.WholeEnvironment, context.CancellationToken);
        var reported = new HashSet<TextSpan>();
        foreach (var operation in flow.Operations)
        {
            var (target, values) = operation switch
            {
                // psi.Environment[name] = value
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } assignment
                    => (ChildEnvironment(indexer.Instance), new[] { assignment.Value }),

                // psi.Environment.Add(name, value), psi.EnvironmentVariables.Add(…), psi.Environment.Add(pair)
                IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" or "AddRange" } add
                    => (ChildEnvironment(add.Instance), ArgumentsOf(add)),
                _ => (null, System.Array.Empty<IOperation>()),
            };

            if (target is null)
            {
                continue;
            }

            foreach (var value in values)
            {
                var taint = flow.Evaluate(value);
                if (taint.Taint.Exposes() && !flow.IsGuardedByAllowlist(operation) && reported.Add(operation.Syntax.Span))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), taint.Origin ?? "the whole environment", target));
                }
            }
        }
    }

    private static IOperation[] ArgumentsOf(IInvocationOperation invocation)
    {
        var values = new IOperation[invocation.Arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = invocation.Arguments[i].Value;
        }

        return values;
    }

    /// <summary>"ProcessStartInfo.Environment" when <paramref name="operation"/> is that property (or the legacy one), else null.</summary>
    private static string? ChildEnvironment(IOperation? operation) =>
        operation is IPropertyReferenceOperation { Property.Name: "Environment" or "EnvironmentVariables" } property
        && ProcessStartInfo.Matches(property.Property.ContainingType)
            ? "ProcessStartInfo." + property.Property.Name
            : null;
}
