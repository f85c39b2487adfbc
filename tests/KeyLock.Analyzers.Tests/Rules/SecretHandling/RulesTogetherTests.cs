using KeyLock.Analyzers.Rules.SecretHandling;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// The five flow rules share one registration (<see cref="SecretHandlingAnalyzer"/>): one method body that triggers
/// several of them gets each one's findings, and a rule that is turned off leaves the others as they were.
/// </summary>
public sealed class RulesTogetherTests
{
    private static readonly DiagnosticResult Leaked =
        FlowRuleVerifier<SecretLeakedRule>.Diagnostic(0, "OPENAI_API_KEY", "logging", "Console.WriteLine");

    private static readonly DiagnosticResult InProcessEnvironment =
        FlowRuleVerifier<SecretInProcessEnvironmentRule>.Diagnostic(1, "the secret read from 'OPENAI_API_KEY'");

    private static readonly DiagnosticResult WholeEnvironment =
        FlowRuleVerifier<WholeEnvironmentExposedRule>.Diagnostic(2, "Environment.GetEnvironmentVariables()", "logging", "Console.WriteLine");

    [Fact]
    public Task ThreeRulesTriggeredInOneMethod_EachReports() =>
        FlowRuleVerifier<SecretLeakedRule>.VerifyAsync(Source(), Leaked, InProcessEnvironment, WholeEnvironment);

    /// <summary>KL2003 off for the compilation: the analyzer leaves it out, and KL2004 and KL2005 move down one bit of the mark.</summary>
    [Fact]
    public Task OneRuleOffForTheCompilation_OthersStillReport()
    {
        var test = SecretHandlingVerifier<SecretHandlingAnalyzer>.CreateTest(Source(off: "KL2003"), editorConfig: null, Leaked, WholeEnvironment);
        test.DisabledDiagnostics.Add("KL2003");
        return test.RunAsync();
    }

    /// <summary>
    /// One method that triggers KL2005, KL2003 and KL2001, with their findings at markup locations 0, 1 and 2; the
    /// finding of the rule <paramref name="off"/> is left unmarked.
    /// </summary>
    private static string Source(string? off = null) => $$"""
        using System;

        class C
        {
            void M()
            {
                var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                Console.WriteLine({{Mark(0, "key", off != "KL2005")}});
                Environment.SetEnvironmentVariable("CHILD_SETTING", {{Mark(1, "key", off != "KL2003")}});
                Console.WriteLine({{Mark(2, "Environment.GetEnvironmentVariables()", off != "KL2001")}});
            }
        }
        """;

    private static string Mark(int location, string text, bool marked) => marked ? $"{{|#{location}:{text}|}}" : text;
}
