using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.AnalyzerCost;

/// <summary>One pass: every compilation analyzed from scratch, each analyzer's execution time summed over them.</summary>
internal static class AnalyzerTimes
{
    public static IReadOnlyDictionary<string, TimeSpan> Measure(IReadOnlyList<MeasuredCompilation> compilations, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var totals = new Dictionary<string, TimeSpan>();
        foreach (var measured in compilations)
        {
            // A fresh compilation each pass: nothing bound or analyzed before is reused.
            var compilation = measured.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(measured.Compilation.SyntaxTrees);
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(measured.AdditionalFiles, new ConfigFileOptionsProvider()),
                onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"AD0001 {analyzer}: {exception.Message}"),
                concurrentAnalysis: Environment.GetEnvironmentVariable("KEYLOCK_CONCURRENT") == "1",
                logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            foreach (var analyzer in analyzers)
            {
                var name = analyzer.GetType().Name;
                var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult();
                totals[name] = (totals.TryGetValue(name, out var sum) ? sum : TimeSpan.Zero) + telemetry.ExecutionTime;
            }
        }

        return totals;
    }

    /// <summary>What KeyLock's props give every AdditionalFiles item they add: the config-file marker.</summary>
    private sealed class ConfigFileOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions None = new Options(null);
        private static readonly AnalyzerConfigOptions ConfigFile = new Options("build_metadata.AdditionalFiles.KeyLockConfigFile");

        public override AnalyzerConfigOptions GlobalOptions => None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ConfigFile;

        private sealed class Options(string? trueKey) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = key == trueKey ? "true" : string.Empty;
                return key == trueKey;
            }
        }
    }
}
