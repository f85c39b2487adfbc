using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Microsoft.CodeAnalysis;

namespace KeyLock.AnalyzerCost;

/// <summary>
/// What the compiler itself takes for the same compilations in the same process: a fresh copy of each (generated code
/// included, see <see cref="SourceGenerators"/>), emitted on one thread (no concurrent build), so it compares with the
/// analyzers' sequential callback times as CPU with CPU, without a real build's other threads sharing the cores.
/// </summary>
internal static class CompileTime
{
    public static TimeSpan Measure(IReadOnlyList<MeasuredCompilation> compilations)
    {
        var total = TimeSpan.Zero;
        foreach (var measured in compilations)
        {
            var compilation = measured.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(measured.Compilation.SyntaxTrees);
            compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
            var stopwatch = Stopwatch.StartNew();
            var result = compilation.Emit(Stream.Null);
            total += stopwatch.Elapsed;
            if (!result.Success)
            {
                // An emit that stops at errors skips code generation: its time would understate the compiler's.
                throw new InvalidOperationException($"{measured.Name} does not compile here ({result.Diagnostics.Length} diagnostics, first: {result.Diagnostics[0]})");
            }
        }

        return total;
    }
}
