using System.Collections.Immutable;
using KeyLock.Analyzers.Rules.HardcodedSecrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Helpers;

/// <summary>
/// Runs every C# KL1xxx analyzer together (literals, folded constants, credential sinks), so a test also
/// proves that one value is reported once, by one rule.
/// </summary>
internal static class HardcodedSecretsVerifier
{
    /// <summary>Stand-ins for the AI SDK types the sink rules look for, so tests need no package downloads.</summary>
    public const string SdkStubs = """
        namespace System.ClientModel
        {
            public class ApiKeyCredential
            {
                public ApiKeyCredential(string key) { }
                public void Update(string key) { }
                public static implicit operator ApiKeyCredential(string key) => new ApiKeyCredential(key);
            }
        }

        namespace Azure
        {
            public class AzureKeyCredential
            {
                public AzureKeyCredential(string key) { }
            }
        }

        namespace OpenAI
        {
            public class OpenAIClient
            {
                public OpenAIClient(System.ClientModel.ApiKeyCredential credential) { }
                public OpenAIClient(string apiKey) { }
            }

            public class ChatClient
            {
                public ChatClient(string model, System.ClientModel.ApiKeyCredential credential) { }
                public ChatClient(string model, string apiKey) { }
            }
        }

        namespace Anthropic
        {
            public class AnthropicClientOptions
            {
                public string? ApiKey { get; set; }
            }
        }
        """;

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(new[] { source }, expected);

    public static Task VerifyWithStubsAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(new[] { source, SdkStubs }, expected);

    public static Task VerifyAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult KL1004(string kind, string name, string redacted, string variable) =>
        new DiagnosticResult(DiagnosticIds.SecretInCredentialSink, DiagnosticSeverity.Warning).WithArguments(kind, name, redacted, variable);

    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() => ImmutableArray.Create<DiagnosticAnalyzer>(
        new HardcodedSecretLiteralAnalyzer(),
        new ConstantExpressionSecretAnalyzer());

    private sealed class Test : CSharpAnalyzerTest<HardcodedSecretLiteralAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80;

            // Several analyzers share the KL1xxx descriptors (the same instances).
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => AllAnalyzers();
    }
}
