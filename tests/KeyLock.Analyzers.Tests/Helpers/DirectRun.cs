using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Tests.Helpers;

/// <summary>
/// Runs an analyzer on a plain compilation so tests can look at what the verifier does not show:
/// the rendered message and the diagnostic properties.
/// </summary>
internal static class DirectRun
{
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, string source) =>
        AnalyzeAllAsync(ImmutableArray.Create(analyzer), source);

    /// <summary>Runs <paramref name="analyzers"/> together; references the .NET runtime the tests run on (System.Net.Http included).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAllAsync(ImmutableArray<DiagnosticAnalyzer> analyzers, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "Direct",
            new[] { tree },
            RuntimeReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }

    private static readonly Lazy<MetadataReference[]> RuntimeReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "System.Net.Http.dll" or "System.Net.Primitives.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());
}
