using KeyLock.Analyzers.Rules.SecretHandling;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// Runs <see cref="SecretHandlingAnalyzer"/>, so all five flow rules at once, and states expectations in terms of one
/// of them, <typeparamref name="TRule"/>: a test that expects nothing also proves the other rules stay quiet.
/// </summary>
internal static class FlowRuleVerifier<TRule>
    where TRule : FlowRule, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        SecretHandlingVerifier<SecretHandlingAnalyzer>.VerifyAsync(source, expected);

    /// <summary>A diagnostic of <typeparamref name="TRule"/> at markup location <c>{|#n:…|}</c>, with its message arguments.</summary>
    public static DiagnosticResult Diagnostic(int location, params object[] arguments) =>
        new DiagnosticResult(new TRule().Descriptor).WithLocation(location).WithArguments(arguments);
}
