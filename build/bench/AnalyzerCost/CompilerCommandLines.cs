using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.AnalyzerCost;

/// <summary>A compilation and its additional files, rebuilt from one csc command line of a real build.</summary>
internal sealed record MeasuredCompilation(string Name, Compilation Compilation, ImmutableArray<AdditionalText> AdditionalFiles);

internal static class CompilerCommandLines
{
    /// <summary>
    /// Reads "directory TAB csc command line" lines. Source generators run only with <paramref name="withGenerators"/>
    /// (needed to compile the code, not to analyze it: analyzers that skip generated code see the same trees either way).
    /// </summary>
    public static List<MeasuredCompilation> Read(string path, bool withGenerators)
    {
        var sdkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var compilations = new List<MeasuredCompilation>();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split('\t', 2);
            var arguments = CommandLineParser.SplitCommandLineIntoArguments(parts[1], removeHashComments: false).Skip(1).ToArray();
            var parsed = CSharpCommandLineParser.Default.Parse(arguments, parts[0], sdkDirectory);
            var trees = parsed.SourceFiles.Select(file =>
                CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file.Path)), parsed.ParseOptions, file.Path));
            var references = parsed.MetadataReferences.Select(reference => (MetadataReference)MetadataReference.CreateFromFile(reference.Reference));
            Compilation compilation = CSharpCompilation.Create(parsed.CompilationName, trees, references, parsed.CompilationOptions);
            var additional = parsed.AdditionalFiles.Select(file => (AdditionalText)new FileText(file.Path)).ToImmutableArray();
            if (withGenerators)
            {
                compilation = SourceGenerators.Run(compilation, parsed, additional);
            }

            compilations.Add(new MeasuredCompilation(parsed.CompilationName ?? Path.GetFileName(parts[0]), compilation, additional));
        }

        return compilations;
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
