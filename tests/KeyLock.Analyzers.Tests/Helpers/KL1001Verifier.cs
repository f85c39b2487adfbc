using KeyLock.Analyzers.Rules.HardcodedSecrets;
using KeyLock.CodeFixes.Rules.HardcodedSecrets;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Helpers;

/// <summary>Runs KL1001 (and its fix) over markup sources against the .NET 8 reference assemblies.</summary>
internal static class KL1001Verifier
{
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<HardcodedSecretLiteralAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyCodeFixAsync(string source, string fixedSource, Action<CSharpCodeFixTest<HardcodedSecretLiteralAnalyzer, HardcodedProviderKeyCodeFixProvider, DefaultVerifier>>? configure = null)
    {
        var test = new CSharpCodeFixTest<HardcodedSecretLiteralAnalyzer, HardcodedProviderKeyCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        configure?.Invoke(test);
        return test.RunAsync();
    }

    /// <summary>A KL1001 result whose message arguments are checked too.</summary>
    public static DiagnosticResult Diagnostic(string provider, string label, string redacted, string variable) =>
        new DiagnosticResult(DiagnosticIds.HardcodedProviderKey, Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithArguments(provider, label, redacted, variable);
}
