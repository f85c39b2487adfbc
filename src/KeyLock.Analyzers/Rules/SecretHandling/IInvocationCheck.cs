using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// A check of one invocation on its own, with no flow analysis (KL2004's <c>.env</c> loaders).
/// <see cref="SecretHandlingAnalyzer"/> runs it in the callback it already gets for every invocation.
/// </summary>
internal interface IInvocationCheck
{
    void Check(OperationAnalysisContext context, IInvocationOperation invocation);
}
