using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.AnalyzerCost;

/// <summary>One pass: every compilation analyzed from scratch, each analyzer's execution time summed over them.</summary>
internal static class AnalyzerTimes
{
    /// <param name="findings">Filled with how many diagnostics each id reported in this pass: a rule that reports nothing
    /// on a codebase may simply not be running (Sonar's hotspot rules are off without a SonarLint.xml).</param>
    public static IReadOnlyDictionary<string, TimeSpan> Measure(IReadOnlyList<MeasuredCompilation> compilations, ImmutableArray<DiagnosticAnalyzer> analyzers, IDictionary<string, int> findings)
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
            foreach (var diagnostic in withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult())
            {
                findings[diagnostic.Id] = (findings.TryGetValue(diagnostic.Id, out var count) ? count : 0) + 1;
            }

            foreach (var analyzer in analyzers)
            {
                var name = analyzer.GetType().Name;
                var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult();
                totals[name] = (totals.TryGetValue(name, out var sum) ? sum : TimeSpan.Zero) + telemetry.ExecutionTime;
            }
        }

        return totals;
    }

    /// <summary>
    /// What KeyLock's props give every AdditionalFiles item they add: the config-file marker. Sonar's settings file is
    /// an AdditionalFiles item the benchmark adds for Sonar, without the marker, as in the build.
    /// </summary>
    private sealed class ConfigFileOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions None = new Options(null);
        private static readonly AnalyzerConfigOptions ConfigFile = new Options("build_metadata.AdditionalFiles.KeyLockConfigFile");

        public override AnalyzerConfigOptions GlobalOptions => None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            string.Equals(System.IO.Path.GetFileName(textFile.Path), "SonarLint.xml", StringComparison.OrdinalIgnoreCase) ? None : ConfigFile;

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
