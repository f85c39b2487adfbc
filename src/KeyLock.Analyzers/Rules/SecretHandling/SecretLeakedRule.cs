using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// KL2005: a value read by a key-like name (<c>GetEnvironmentVariable("OPENAI_API_KEY")</c>,
/// <c>config["OpenAI:ApiKey"]</c>, <c>GetValue&lt;string&gt;("Groq:ApiKey")</c>) reaches logging, an exception,
/// a telemetry tag, or the query string of a URL (<c>$"https://…?key={apiKey}"</c>), directly or through
/// locals, helpers in the same method and string building. A redacted value (passed through any method,
/// or cut with <c>Substring</c>) is fine.
/// </summary>
internal sealed class SecretLeakedRule : FlowRule
{
    private static readonly SinkKind[] Sinks = { SinkKind.Logging, SinkKind.Exception, SinkKind.Telemetry };

    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.SecretLeaked,
        title: "Secret is logged or sent where it does not belong",
        messageFormat: "The secret read from '{0}' flows into {1} through '{2}'; use a redacted form, or leave it out",
        description: "Logs, exception messages, telemetry and URLs are copied to places with far weaker access control than a secret "
            + "store: log files, log services, crash reports, proxies and browser history. A provider key must only go to the client that "
            + "authenticates with it, in a header, never in a query string.",
        DiagnosticSeverity.Warning);

    public override DiagnosticDescriptor Descriptor => Rule;

    // Active in every compilation: sources and sinks are matched by name where they are used.
    public override OperationKind[] TriggerKinds => SecretSources.ReadKinds;

    public override bool IsTrigger(IOperation operation) => !SecretSources.SecretRead(operation).IsClean;

    public override void Analyze(OperationBlockAnalysisContext context)
    {
        var flow = TaintFlow.Analyze(context.OperationBlocks, SecretSources.SecretRead, context.CancellationToken);
        var reported = new HashSet<TextSpan>();
        foreach (var operation in flow.Operations)
        {
            foreach (var use in SecretSinks.ValuesReaching(operation, Sinks))
            {
                var value = flow.Evaluate(use.Value);
                if (value.Taint.Exposes() && reported.Add(use.Value.Syntax.Span))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, use.Value.Syntax.GetLocation(), value.Origin, use.Label, use.Member));
                }
            }

            if (IsOutermostText(operation))
            {
                foreach (var (hole, parameter) in QueryStringHoles(operation, flow))
                {
                    if (reported.Add(hole.Syntax.Span))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Rule, hole.Syntax.GetLocation(), flow.Evaluate(hole).Origin, "a URL query string", parameter));
                    }
                }
            }
        }
    }

    private static bool IsOutermostText(IOperation operation) =>
        operation is IInterpolatedStringOperation || (IsConcatenation(operation) && !IsConcatenation(operation.Parent));

    private static bool IsConcatenation(IOperation? operation) =>
        operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String;

    /// <summary>Tainted parts of a string that come right after <c>name=</c> in text that has a <c>?</c> before them, with that <c>name=</c>.</summary>
    private static IEnumerable<(IOperation Hole, string Parameter)> QueryStringHoles(IOperation text, TaintFlow flow)
    {
        var before = string.Empty;
        foreach (var part in Parts(text))
        {
            if (part.ConstantValue.Value is string literal)
            {
                before += literal;
                continue;
            }

            if (before.IndexOf('?') >= 0 && before.EndsWith("=", System.StringComparison.Ordinal) && flow.Evaluate(part).Taint.Exposes())
            {
                var start = before.LastIndexOfAny(new[] { '?', '&' });
                yield return (part, before.Substring(start + 1));
            }

            before += "\u0000";
        }
    }

    /// <summary>The pieces of an interpolation or a <c>+</c> chain, in order: literal text and the expressions between.</summary>
    private static IEnumerable<IOperation> Parts(IOperation text)
    {
        switch (text)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation literal:
                            yield return literal.Text;
                            break;
                        case IInterpolationOperation hole:
                            foreach (var inner in Parts(hole.Expression))
                            {
                                yield return inner;
                            }

                            break;

                        // Built by a handler (sb.Append($"…"), string.Create): AppendLiteral("…") and AppendFormatted(value).
                        case IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation { Arguments.Length: > 0 } call }:
                            foreach (var inner in Parts(call.Arguments[0].Value))
                            {
                                yield return inner;
                            }

                            break;
                    }
                }

                break;

            case IBinaryOperation binary when IsConcatenation(binary) && !binary.ConstantValue.HasValue:
                foreach (var inner in Parts(binary.LeftOperand).Concat(Parts(binary.RightOperand)))
                {
                    yield return inner;
                }

                break;

            case IConversionOperation { IsImplicit: true } conversion:
                foreach (var inner in Parts(conversion.Operand))
                {
                    yield return inner;
                }

                break;

            default:
                yield return text;
                break;
        }
    }
}
