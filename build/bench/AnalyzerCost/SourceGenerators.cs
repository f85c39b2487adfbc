using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.AnalyzerCost;

/// <summary>
/// Runs the source generators a csc command line names (its /analyzer: assemblies) with its analyzer config files, so the
/// compilation is the one the build compiled, generated code included. Without them a compilation that relies on
/// generated code does not compile, and the compiler's own time cannot be measured on it.
/// </summary>
internal static class SourceGenerators
{
    public static Compilation Run(Compilation compilation, CommandLineArguments parsed, ImmutableArray<AdditionalText> additionalFiles)
    {
        var generators = Load(parsed.AnalyzerReferences.Select(reference => Path.GetFullPath(reference.FilePath)).ToList());
        if (generators.Count == 0)
        {
            return compilation;
        }

        var configs = parsed.AnalyzerConfigPaths
            .Select(path => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(path)), path))
            .ToList();
        var driver = CSharpGeneratorDriver.Create(
            generators,
            additionalFiles,
            (CSharpParseOptions)parsed.ParseOptions,
            new ConfigOptionsProvider(AnalyzerConfigSet.Create(configs)));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return generated;
    }

    private static List<ISourceGenerator> Load(IReadOnlyList<string> paths)
    {
        var context = AnalyzerLoader.ContextFor(paths, "generators");
        var generators = new List<ISourceGenerator>();
        foreach (var path in paths.Where(File.Exists))
        {
            IEnumerable<Type> types;
            try
            {
                types = AnalyzerLoader.LoadableTypes(context.LoadFromAssemblyPath(path));
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is FileLoadException)
            {
                // csc warns about an analyzer reference it cannot load and goes on without it.
                continue;
            }

            foreach (var type in types.Where(t => !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null
                && t.GetCustomAttribute<GeneratorAttribute>()?.Languages.Contains(LanguageNames.CSharp) == true))
            {
                var instance = Activator.CreateInstance(type);
                if (instance is IIncrementalGenerator incremental)
                {
                    generators.Add(incremental.AsSourceGenerator());
                }
                else if (instance is ISourceGenerator generator)
                {
                    generators.Add(generator);
                }
            }
        }

        return generators;
    }

    private sealed class ConfigOptionsProvider(AnalyzerConfigSet set) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
