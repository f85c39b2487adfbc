using KeyLock.Analyzers.Rules.SecretHandling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// KL2004 matches .env loaders by namespace and name. The other tests declare the loaders in source; this one
/// takes them from a referenced assembly, as with the real DotNetEnv package, where the symbols come from metadata.
/// </summary>
public sealed class DotEnvPackageReferenceTests
{
    private const string Package = """
        namespace DotNetEnv
        {
            public static class Env { public static void Load(string path = null) { } }
        }
        """;

    [Fact]
    public async Task LoaderFromAReferencedPackage_Diagnostic()
    {
        var test = new CSharpAnalyzerTest<SecretHandlingAnalyzer, DefaultVerifier>
        {
            TestCode = """
                class C
                {
                    void M() => {|#0:DotNetEnv.Env.Load()|};
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.AdditionalReferences.Add(await CompileAsync("DotNetEnv", Package));
        test.ExpectedDiagnostics.Add(FlowRuleVerifier<SecretsInOneBlobRule>.Diagnostic(
            0, "'Env.Load' loads every entry of a .env file into the process environment"));
        await test.RunAsync();
    }

    private static async Task<MetadataReference> CompileAsync(string assemblyName, string source)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
