using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using KeyLock.AnalyzerCost;

// usage: KeyLock.AnalyzerCost COMMAND_LINES_FILE ANALYZER_DLL[,ANALYZER_DLL…] [PASSES] [DIAGNOSTIC_ID,…]
//   COMMAND_LINES_FILE: one compilation per line, "project directory<TAB>csc command line" (analyzer-cost.sh writes it
//   from the build's binlog). Every pass compiles every compilation afresh, so nothing bound is reused.
//   DIAGNOSTIC_ID,…: keep only analyzers that report one of these ids (S2068 picks Sonar's rule out of its assembly).
//   KEYLOCK_COMPILE_TIME=1 also runs the command lines' source generators and, in every pass, times the compiler alone on
//   the same compilations (emit on one thread), for the analyzers' share of the compiler's own CPU time.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: KeyLock.AnalyzerCost COMMAND_LINES_FILE ANALYZER_DLL[,ANALYZER_DLL...] [PASSES] [DIAGNOSTIC_ID,...]");
    return 2;
}

using var jit = new JitCounter("KeyLock.Analyzers", "KeyLock.Secrets");
var analyzers = AnalyzerLoader.Load(args[1].Split(','), args.Length > 3 ? args[3].Split(',') : null);
var measureCompile = Environment.GetEnvironmentVariable("KEYLOCK_COMPILE_TIME") == "1";
var compilations = CompilerCommandLines.Read(args[0], withGenerators: measureCompile);
var passes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
Console.WriteLine($"{analyzers.Length} analyzers, {compilations.Count} compilations, {compilations.Sum(c => c.Compilation.SyntaxTrees.Count())} syntax trees, {passes} passes");

var results = new List<IReadOnlyDictionary<string, TimeSpan>>();
var compileTimes = new List<double>();
for (var pass = 1; pass <= passes; pass++)
{
    jit.Reset();
    var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
    var jitCountBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
    var findings = new SortedDictionary<string, int>(StringComparer.Ordinal);
    var gcPauseBefore = GC.GetTotalPauseDuration();
    var gen2Before = GC.CollectionCount(2);
    var times = AnalyzerTimes.Measure(compilations, analyzers, findings);
    var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
    var gen2 = GC.CollectionCount(2) - gen2Before;
    results.Add(times);
    var reported = findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => $"{f.Key} x{f.Value}"));
    Console.WriteLine($"pass {pass}: {times.Values.Sum(t => t.TotalSeconds):F3} s in all analyzers; findings: {reported}; {jit.Count} KeyLock methods JIT-compiled (tier 0 and tier-1 recompiles); whole process: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitCountBefore} methods, {(System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalSeconds:F3} s of JIT; garbage collection paused the process {gcPause.TotalSeconds:F3} s ({gen2} gen-2) while the analyzers ran");
    if (measureCompile)
    {
        var compile = CompileTime.Measure(compilations).TotalSeconds;
        compileTimes.Add(compile);
        var analyzed = times.Values.Sum(t => t.TotalSeconds);
        Console.WriteLine($"pass {pass}: compiler alone (emit, one thread) {compile:F3} s; the analyzers' {analyzed:F3} s are {100 * analyzed / compile:F2} % of it");
    }

    if (pass == 1 && Environment.GetEnvironmentVariable("KEYLOCK_LIST_JIT") == "1")
    {
        foreach (var (name, ilSize) in jit.Methods.OrderByDescending(m => m.IlSize))
        {
            Console.WriteLine($"  jit {ilSize,6} B IL  {name}");
        }
    }
}

Console.WriteLine();
Console.WriteLine("| analyzer | pass 1 (cold) | later passes (median) |");
Console.WriteLine("| --- | ---: | ---: |");
foreach (var name in results[0].Keys.OrderByDescending(n => results[0][n]))
{
    Console.WriteLine($"| {name} | {results[0][name].TotalSeconds:F3} s | {Median(results.Skip(1).Select(r => r[name].TotalSeconds)):F3} s |");
}

Console.WriteLine($"| **all** | {results[0].Values.Sum(t => t.TotalSeconds):F3} s | {Median(results.Skip(1).Select(r => r.Values.Sum(t => t.TotalSeconds))):F3} s |");
if (measureCompile)
{
    var steadyShares = results.Skip(1).Zip(compileTimes.Skip(1), (r, c) => 100 * r.Values.Sum(t => t.TotalSeconds) / c);
    Console.WriteLine($"| compiler alone (emit, one thread) | {compileTimes[0]:F3} s | {Median(compileTimes.Skip(1)):F3} s |");
    Console.WriteLine($"| **analyzers as a share of the compiler's own time** | {100 * results[0].Values.Sum(t => t.TotalSeconds) / compileTimes[0]:F2} % | {Median(steadyShares):F2} % |");
}
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
