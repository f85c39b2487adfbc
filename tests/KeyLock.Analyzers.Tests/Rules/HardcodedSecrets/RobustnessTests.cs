using System.Text;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Testing;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>No analyzer exception (AD0001) on any input: code being typed, huge literals, deep nesting.</summary>
public sealed class RobustnessTests
{
    private static readonly string Key = FakeKeys.OpenAIProject();
    private static readonly string Secret = RandomSecrets.Alphanumeric32();

    public static TheoryData<string> IncompleteSources() => new()
    {
        $"class C {{ string apiKey = \"{Key}\" }}",                         // missing semicolon
        $"class C {{ string apiKey = \"{Key}",                              // unterminated string, no closing brace
        $"class C {{ string M(int n) => $\"{Key}{{n",                        // half-typed interpolation
        $"class C {{ string M(int n) => $\"\"\"{Key}{{",                    // half-typed raw interpolation
        $"class C {{ void M() {{ new System.ClientModel.ApiKeyCredential(\"{Secret}\"",  // unknown type, unclosed call
        $"class C {{ string ApiKey = \"{Secret[..10]}\" + ; }}",            // dangling operator
        $"class C {{ char[] k = new[] {{ 's', 'k', ",                       // unfinished char array
        $"class C {{ void M() {{ headers.Add(\"x-api-key\", \"{Secret}\"); }} }}", // unbound receiver
        $"[Obsolete(\"{Key}\" + ] class C {{ }}",                            // broken attribute
        $"class C {{ void M(string apiKey = ) {{ }} }}",                    // missing default value
        "class C { const string A = B; const string B = A; }",              // circular constants
        $"/* {Key}",                                                        // unterminated comment
        "#if X\nclass C {",                                                 // unterminated directive
    };

    [Theory]
    [MemberData(nameof(IncompleteSources))]
    public async Task IncompleteCode_NoAnalyzerException(string source)
    {
        var diagnostics = await DirectRun.AnalyzeAllAsync(HardcodedSecretsVerifier.AllAnalyzers(), source);

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task OneMegabyteLiteral_WithAKeyAtTheEnd_ReportedOnce()
    {
        var filler = new string('a', 1 << 20);
        var source = $"class C {{ string Big = \"{filler} {Key}\"; string Big2 = \"{filler}\" + \"{filler}\"; }}";

        var diagnostics = await DirectRun.AnalyzeAllAsync(HardcodedSecretsVerifier.AllAnalyzers(), source);

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Single(diagnostics, d => d.Id == DiagnosticIds.HardcodedProviderKey);
    }

    [Fact]
    public async Task TenThousandNestedConcatenations_WithASplitKey_ReportedOnce()
    {
        var source = new StringBuilder("class C { const string ApiKey = \"x\"");
        for (var i = 0; i < 10_000; i++)
        {
            source.Append(" + \"y\"");
        }

        source.Append(" + \" \" + \"").Append(Key[..20]).Append("\" + \"").Append(Key[20..]).Append("\"; }");

        var diagnostics = await DirectRun.AnalyzeAllAsync(HardcodedSecretsVerifier.AllAnalyzers(), source.ToString());

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Single(diagnostics, d => d.Id == DiagnosticIds.HardcodedProviderKey);
    }

    [Fact]
    public async Task HugeConfigFiles_NoException()
    {
        var json = "{" + string.Concat(Enumerable.Repeat("\"k\": [[[[", 20_000)) + "\"ApiKey\": \"" + Secret + "\"";
        var env = string.Concat(Enumerable.Repeat("A=" + new string('b', 100) + "\n", 10_000)) + "API_TOKEN=" + Secret;

        var diagnostics = await ConfigFileRun.AnalyzeAsync(("/src/appsettings.json", json, null), ("/src/.env", env, null));

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.SecretInCredentialSink && d.Location.GetLineSpan().Path == "/src/.env");
    }
}
