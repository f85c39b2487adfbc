using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// KL2001: values of the whole environment (<c>Environment.GetEnvironmentVariables()</c>, or
/// <c>AsEnumerable()</c> over a configuration root) reach logging, serialization, a file, an HTTP
/// request, an exception or a telemetry tag. Names alone, an allowlist of variables and values passed
/// through any other method (a redaction) are fine.
/// </summary>
internal sealed class WholeEnvironmentExposedRule : FlowRule
{
    private static readonly SinkKind[] Sinks =
    {
        SinkKind.Logging, SinkKind.Serialization, SinkKind.File, SinkKind.Http, SinkKind.Exception, SinkKind.Telemetry,
    };

    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.WholeEnvironmentExposed,
        title: "Whole environment is written to a log, file, request or exception",
        messageFormat: "Values of {0} flow into {1} through '{2}'; write only names, a fixed allowlist of variables, or redacted values",
        description: "The process environment and the configuration root hold every provider key the process can use. "
            + "Writing all of their values to a log, a file, an HTTP request, an exception or a telemetry tag copies every key to a place "
            + "with weaker access control than the secret store. Write only the names, a fixed allowlist of harmless variables, or redacted values.",
        DiagnosticSeverity.Warning);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override bool IsTrigger(IOperation operation) => SecretSources.IsWholeEnvironmentRead(operation);

    public override void Analyze(OperationBlockAnalysisContext context)
    {
        var flow = TaintFlow.Analyze(context.OperationBlocks, SecretSources.WholeEnvironment, context.CancellationToken);
        var reported = new HashSet<TextSpan>();
        foreach (var operation in flow.Operations)
        {
            foreach (var use in SecretSinks.ValuesReaching(operation, Sinks))
            {
                var value = flow.Evaluate(use.Value);
                if (value.Taint.Exposes() && !flow.IsGuardedByAllowlist(operation) && reported.Add(use.Value.Syntax.Span))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Rule,
                        use.Value.Syntax.GetLocation(),
                        value.Origin ?? "the whole environment",
                        use.Label,
                        use.Member));
                }
            }
        }
    }
}
