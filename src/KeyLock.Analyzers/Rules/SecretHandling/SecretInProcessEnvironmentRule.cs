using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// KL2003: <c>Environment.SetEnvironmentVariable</c> puts a key into the process-wide environment, either
/// by a key-like name (<c>OPENAI_API_KEY</c>, <c>*_TOKEN</c>, … see <see cref="SecretNames"/>) or with a value that
/// came from a secret read (<c>config["OpenAI:ApiKey"]</c>, <c>GetEnvironmentVariable("GROQ_API_KEY")</c>) in the
/// same method. Clearing a variable (<c>null</c> value) is fine.
/// </summary>
internal sealed class SecretInProcessEnvironmentRule : FlowRule
{
    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.SecretInProcessEnvironment,
        title: "Key is placed in the process-wide environment",
        messageFormat: "'Environment.SetEnvironmentVariable' puts {0} into the process-wide environment, where every library and child process can read it; pass the key to the one client that needs it",
        description: "The process environment is readable by every library loaded into the process and is inherited by every child "
            + "process, which is exactly what a compromised dependency harvests first. Keep a provider key in a typed options object "
            + "or pass it to the one client that uses it instead of publishing it as an environment variable.",
        DiagnosticSeverity.Warning);

    public override DiagnosticDescriptor Descriptor => Rule;

    // Active in every compilation: a compilation without System.Environment never matches the name check.
    public override bool IsTrigger(IOperation operation) => IsSetEnvironmentVariable(operation);

    public override void Analyze(OperationBlockAnalysisContext context)
    {
        TaintFlow? flow = null;
        foreach (var block in context.OperationBlocks)
        {
            foreach (var invocation in block.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (!IsSetEnvironmentVariable(invocation))
                {
                    continue;
                }

                var name = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                var value = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value;
                if (name is null || value is null || value.ConstantValue is { HasValue: true, Value: null })
                {
                    continue;
                }

                if (name.ConstantValue.Value is string constantName && SecretNames.IsSecretName(constantName))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, name.Syntax.GetLocation(), $"the key-like variable '{constantName}'"));
                    continue;
                }

                flow ??= TaintFlow.Analyze(context.OperationBlocks, SecretSources.SecretRead, context.CancellationToken);
                var secret = flow.Evaluate(value);
                if (secret.Taint.Exposes())
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), $"the secret read from '{secret.Origin}'"));
                }
            }
        }
    }

    private static bool IsSetEnvironmentVariable(IOperation operation) =>
        operation is IInvocationOperation invocation && SecretSources.IsEnvironmentMethod(invocation.TargetMethod, "SetEnvironmentVariable");
}
