using System.Text;
using BenchmarkDotNet.Attributes;
using KeyLock.Secrets;

namespace KeyLock.Benchmarks;

/// <summary>
/// Throughput of <see cref="SecretMatcher"/> (all 77 catalog patterns) against a compiled-regex
/// alternation of the same patterns, on three texts. MB/s = input size (UTF-16 chars counted as bytes
/// of source text) / mean time; the sizes are printed by <see cref="Setup"/> and in docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class SecretDetectionBenchmarks
{
    private readonly RegexScanner _regex = new(SecretCatalog.All);
    private string _text = string.Empty;

    [Params("csharp", "csharp+secrets", "prose")]
    public string Input { get; set; } = "csharp";

    [GlobalSetup]
    public void Setup()
    {
        _text = Input switch
        {
            "csharp" => Corpus.CSharpSource(),
            "csharp+secrets" => Corpus.CSharpSourceWithSecrets(),
            _ => Corpus.Prose(),
        };
        Console.WriteLine($"// {Input}: {_text.Length} chars ({Encoding.UTF8.GetByteCount(_text) / 1e6:F3} MB UTF-8); " +
            $"matcher finds {SecretMatcher.Default.FindAll(_text).Count}, regex finds {_regex.Count(_text)}");
    }

    [Benchmark(Baseline = true)]
    public int Matcher() => SecretMatcher.Default.FindAll(_text).Count;

    [Benchmark]
    public int CompiledRegex() => _regex.Count(_text);
}
