using System.Collections.Immutable;
using System.Globalization;
using KeyLock.Analyzers.Rules.HardcodedSecrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Tests.Helpers;

/// <summary>
/// Runs <see cref="ConfigFileSecretAnalyzer"/> over in-memory additional files, optionally with the item
/// metadata the package's targets set, and renders each finding as <c>path(line,col): ID</c> like a build log.
/// </summary>
internal static class ConfigFileRun
{
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(params (string Path, string Text, string? Tag)[] files)
    {
        var compilation = CSharpCompilation.Create("Config", new[] { CSharpSyntaxTree.ParseText("class C { }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var texts = files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        var tags = files.Where(f => f.Tag is not null).ToDictionary(f => f.Path, f => f.Tag!);
        var options = new AnalyzerOptions(texts, new TagProvider(tags));
        return await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigFileSecretAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
    }

    /// <summary><c>appsettings.json(3,17): KL1001</c>, with 1-based line and column as MSBuild prints them.</summary>
    public static string Render(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id}");
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class TagProvider(Dictionary<string, string> tags) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(tags.TryGetValue(textFile.Path, out var tag) ? tag : null);
    }

    private sealed class Options(string? tag) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = tag ?? string.Empty;
            return tag is not null && key == ConfigFileSecretAnalyzer.MetadataKey;
        }
    }
}
