using KeyLock.TestSupport;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using KeyLock.Analyzers.Rules.HardcodedSecrets;
using KeyLock.Analyzers.Rules.SecretHandling;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace KeyLock.Analyzers.Tests.Robustness;

/// <summary>
/// Every KeyLock analyzer (found by reflection, so a new one is covered without a change here) over a
/// large body of real C#: every <c>*.cs</c> file of this repository, truncated and mutated copies of
/// each (code as it looks while someone is typing), and hostile inputs (a 1 MB literal, a 10k-term
/// concatenation, deeply nested interpolations, random bytes), plus config files as AdditionalFiles.
/// An analyzer exception (AD0001) anywhere fails the test, with the analyzer, the input and the stack.
/// </summary>
public sealed class LargeCodebaseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [Fact]
    public void Every_analyzer_is_discovered()
    {
        var analyzers = AllAnalyzers();
        var ids = typeof(DiagnosticIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();
        var supported = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();

        Assert.All(ids, id => Assert.True(supported.Contains(id), $"no discovered analyzer reports {id}; found " + string.Join(", ", analyzers.Select(a => a.GetType().Name))));
        Assert.Contains(analyzers, a => a is HardcodedSecretLiteralAnalyzer);
        Assert.Contains(analyzers, a => a is SecretHandlingAnalyzer);
    }

    [Fact]
    public async Task Repository_sources_as_they_are()
    {
        var trees = RepositorySources().Select(f => Parse(f.Path, f.Text)).ToList();
        Assert.True(trees.Count >= 100, $"only {trees.Count} C# files found under {RepositoryFiles.Root}");
        await AssertNoAnalyzerExceptionAsync("repository", trees, ConfigFiles());
    }

    [Fact]
    public async Task Repository_sources_while_typing()
    {
        var trees = new List<SyntaxTree>();
        foreach (var (path, text) in RepositorySources())
        {
            foreach (var (label, mutated) in WhileTyping(text))
            {
                trees.Add(Parse(path + "#" + label, mutated));
            }
        }

        // Many small compilations rather than one: fewer duplicate-type errors to bind through, and a
        // failure names a smaller batch.
        foreach (var batch in trees.Chunk(400))
        {
            await AssertNoAnalyzerExceptionAsync("while typing", batch, TruncatedConfigFiles());
        }
    }

    [Fact]
    public async Task Hostile_inputs()
    {
        // One compilation per input, so that a failure or a slow analyzer names the input.
        foreach (var (name, text) in HostileSources())
        {
            await AssertNoAnalyzerExceptionAsync(name, new[] { Parse(name, text) }, ImmutableArray<AdditionalText>.Empty);
        }

        await AssertNoAnalyzerExceptionAsync("hostile config files", new[] { Parse("empty.cs", string.Empty) }, HostileConfigFiles());
    }

    private async Task AssertNoAnalyzerExceptionAsync(string what, IReadOnlyList<SyntaxTree> trees, ImmutableArray<AdditionalText> additionalFiles)
    {
        var analyzers = AllAnalyzers();
        var exceptions = new ConcurrentQueue<string>();
        var compilation = CSharpCompilation.Create(
            "Robustness",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles, new ConfigFileTagProvider()),
            onAnalyzerException: (exception, analyzer, diagnostic) =>
                exceptions.Enqueue($"{analyzer.GetType().Name}: {diagnostic.Location.GetLineSpan().Path}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true);

        using var timeout = new CancellationTokenSource(Budget);
        var stopwatch = Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(timeout.Token);
        stopwatch.Stop();

        var crashes = diagnostics.Where(d => d.Id is "AD0001" or "AD0002").Select(d => d.ToString()).Concat(exceptions).ToList();
        var bytes = trees.Sum(t => (long)t.Length) + additionalFiles.Sum(f => (long)(f.GetText()?.Length ?? 0));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {trees.Count} trees, {additionalFiles.Length} additional files, {bytes / 1024} KiB, {stopwatch.Elapsed.TotalSeconds:F1} s, {diagnostics.Length} diagnostics"));
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, timeout.Token);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {telemetry.ExecutionTime.TotalMilliseconds,8:F0} ms  {analyzer.GetType().Name}"));
        }

        Assert.True(crashes.Count == 0, $"{crashes.Count} analyzer exception(s) on {what} input:\n" + string.Join("\n\n", crashes.Take(5)));
    }

    internal static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(HardcodedSecretLiteralAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static SyntaxTree Parse(string path, string text) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), new CSharpParseOptions(LanguageVersion.Latest), path);

    /// <summary>Every committed-or-not <c>*.cs</c> under src, tests and samples (bin/obj excluded).</summary>
    private static IEnumerable<(string Path, string Text)> RepositorySources() =>
        new[] { "src", "tests", "samples" }
            .Select(folder => RepositoryFiles.PathOf(folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)));

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj" or "BenchmarkDotNet.Artifacts");

    /// <summary>
    /// Code as an editor sees it mid-keystroke: the file cut right after an opening quote past its middle
    /// (unterminated string, and every brace after it missing), inside its first interpolation hole,
    /// after an opening brace, after the first raw or verbatim string opener, and at a third of its
    /// length. Small files also lose their last closing braces and their last quote.
    /// </summary>
    internal static IEnumerable<(string Label, string Text)> WhileTyping(string text)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        var cuts = new SortedSet<int> { text.Length / 3 };
        AddCutAfter(text, "\"", text.Length / 2, cuts);
        AddCutAfter(text, "{", text.Length / 2, cuts);
        AddCutAfter(text, "\"\"\"", 0, cuts);
        AddCutAfter(text, "@\"", 0, cuts);
        var interpolation = text.IndexOf("$\"", StringComparison.Ordinal);
        if (interpolation >= 0)
        {
            AddCutAfter(text, "{", interpolation, cuts);
        }

        foreach (var cut in cuts)
        {
            yield return ("cut" + cut.ToString(CultureInfo.InvariantCulture), text.Substring(0, cut));
        }

        if (text.Length < 8_000)
        {
            yield return ("nobraces", RemoveLast(text, '}', 3));
            yield return ("noquote", RemoveLast(text, '"', 1));
        }
    }

    private static void AddCutAfter(string text, string marker, int from, SortedSet<int> cuts)
    {
        var index = text.IndexOf(marker, from, StringComparison.Ordinal);
        if (index >= 0)
        {
            cuts.Add(index + marker.Length);
        }
    }

    private static string RemoveLast(string text, char c, int count)
    {
        var builder = new StringBuilder(text);
        for (var i = builder.Length - 1; i >= 0 && count > 0; i--)
        {
            if (builder[i] == c)
            {
                builder.Remove(i, 1);
                count--;
            }
        }

        return builder.ToString();
    }

    /// <summary>Inputs built at run time: nothing here is committed as a key-shaped literal.</summary>
    internal static IEnumerable<(string Name, string Text)> HostileSources()
    {
        var random = new Random(20261125);
        var key = FakeKeys.OpenAIProject(7);

        // One 1 MB literal of key-ish characters with an anchor every few hundred characters.
        var big = new StringBuilder(1 << 20);
        while (big.Length < 1 << 20)
        {
            big.Append(FakeKeys.AlphanumericAlphabet[random.Next(FakeKeys.AlphanumericAlphabet.Length)]);
            if (big.Length % 397 == 0)
            {
                big.Append("sk-" + "proj-");
            }
        }

        yield return ("big-literal.cs", $"class BigLiteral {{ const string Text = \"{big}\"; string Key = \"{key}\" + Text; }}");
        yield return ("big-raw.cs", $"class BigRaw {{ string Text = \"\"\"\n{big}\n\"\"\"; }}");
        yield return ("big-unterminated.cs", $"class BigOpen {{ string Text = \"{big}");
        yield return ("big-comment.cs", $"class BigComment {{ /* {big} */ }}");

        // 10k-term concatenations: of literals, of constants and inside a credential sink.
        var terms = string.Join(" + ", Enumerable.Range(0, 10_000).Select(i => "\"p" + i.ToString(CultureInfo.InvariantCulture) + "\""));
        yield return ("concat.cs", $"class Concat {{ const string Joined = {terms}; string apiKey = {terms}; void M() {{ var password = {terms}; System.Console.WriteLine(password); }} }}");
        var constants = new StringBuilder("class Chain { const string C0 = \"sk-\";");
        for (var i = 1; i < 3000; i++)
        {
            constants.Append(CultureInfo.InvariantCulture, $" const string C{i} = C{i - 1} + \"{key[i % key.Length]}\";");
        }

        yield return ("const-chain.cs", constants.Append(" string Key = C2999; }").ToString());

        // Nested interpolations (the C# compiler itself binds constant nested interpolations in time
        // exponential in the depth - 60 levels never finish - so the depth stays at what people write,
        // and a deep ternary and deep parentheses stand for deep nesting).
        var nested = "\"" + key + "\"";
        for (var i = 0; i < 8; i++)
        {
            nested = "$\"a{" + nested + "}b\"";
        }

        yield return ("nested-interpolation.cs", $"class Nested {{ string apiKey = {nested}; }}");
        yield return ("nested-raw-interpolation.cs", "class NestedRaw { string token = $$\"\"\"{{" + nested + "}} sk-" + "\"\"\"; }");
        var ternary = string.Concat(Enumerable.Repeat("b ? \"x\" : ", 2000)) + "\"" + key + "\"";
        yield return ("ternary.cs", $"class Ternary {{ static bool b; string secret = {ternary}; }}");
        var parens = new string('(', 500) + "\"" + key + "\"" + new string(')', 500);
        yield return ("parens.cs", $"class Parens {{ string token = {parens}; }}");

        // A char array of 100k elements and a u8 literal of the key.
        var chars = string.Join(",", Enumerable.Range(0, 100_000).Select(i => "'" + FakeKeys.AlphanumericAlphabet[i % 62] + "'"));
        yield return ("chars.cs", $"class Chars {{ static readonly char[] ApiKey = new[] {{ {chars} }}; System.ReadOnlySpan<byte> U => \"{key}\"u8; }}");

        // Random bytes read as text, three ways, and random C#-ish tokens.
        for (var i = 0; i < 3; i++)
        {
            var bytes = new byte[200_000];
            random.NextBytes(bytes);
            yield return ($"random-utf8-{i}.cs", Encoding.UTF8.GetString(bytes));
            yield return ($"random-latin1-{i}.cs", Encoding.Latin1.GetString(bytes));
        }

        string[] pieces = ["\"", "$\"", "{", "}", "@\"", "\"\"\"", "(", ")", "+", "sk-", "apiKey", "=", ";", "class", "new", "\n", "//", "/*", "'", "u8", "$$\"\"\"", "{{", "}}", key, "Authorization", "Password=", "#if", "\\"];
        var soup = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            soup.Append(pieces[random.Next(pieces.Length)]).Append(' ', random.Next(2));
        }

        yield return ("token-soup.cs", soup.ToString());
        yield return ("empty.cs", string.Empty);
        yield return ("nul.cs", "class Nul { string s = \"\0sk-\0\"; }\0");
        yield return ("surrogates.cs", "class S { string s = \"\uD800sk-" + "proj-\uDFFF\"; // \uDC00 }");
    }

    private static ImmutableArray<AdditionalText> ConfigFiles() =>
        new[] { "src", "tests", "samples", "docs" }
            .Select(folder => RepositoryFiles.PathOf(folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path) && Path.GetExtension(path) is ".json" or ".yml" or ".yaml" or ".env" or ".md")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (AdditionalText)new InMemoryText(ConfigName(path), File.ReadAllText(path)))
            .ToImmutableArray();

    private static ImmutableArray<AdditionalText> TruncatedConfigFiles() =>
        ConfigFiles()
            .SelectMany(file =>
            {
                var text = file.GetText()!.ToString();
                return WhileTyping(text).Select(m => (AdditionalText)new InMemoryText(file.Path, m.Text));
            })
            .ToImmutableArray();

    private static ImmutableArray<AdditionalText> HostileConfigFiles()
    {
        var hostile = HostileSources().Where(s => s.Text.Length > 0).ToList();
        var files = new List<AdditionalText>();
        string[] names = ["appsettings.json", ".env", "docker-compose.yml", "launchSettings.json"];
        files.AddRange(hostile.Select((s, i) => (AdditionalText)new InMemoryText(Path.Combine("/hostile", s.Name, names[i % names.Length]), s.Text)));

        var deepJson = new string('[', 100_000) + new string(']', 100_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"apiKey\":", 20_000)) + "\"" + FakeKeys.OpenAIProject(8) + "\"" + new string('}', 20_000);
        files.Add(new InMemoryText("/hostile/deep/appsettings.json", deepJson));
        files.Add(new InMemoryText("/hostile/deep-object/appsettings.json", deepObject));
        files.Add(new InMemoryText("/hostile/deep-yaml/docker-compose.yml", string.Concat(Enumerable.Range(0, 20_000).Select(i => new string(' ', i % 200) + "key: |\n"))));
        return files.ToImmutableArray();
    }

    /// <summary>Gives every JSON/YAML/Markdown file a name the config-file analyzer reads.</summary>
    private static string ConfigName(string path) => Path.GetExtension(path) switch
    {
        ".json" => Path.Combine(path, "appsettings.json"),
        ".yml" or ".yaml" => Path.Combine(path, "docker-compose.yml"),
        ".md" => Path.Combine(path, ".env"),
        _ => path,
    };

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Tags every additional file as a config file, as the package's targets do.</summary>
    private sealed class ConfigFileTagProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Tagged = new Options();

        public override AnalyzerConfigOptions GlobalOptions => Tagged;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Tagged;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Tagged;

        private sealed class Options : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = "true";
                return key == "build_metadata.AdditionalFiles.KeyLockConfigFile";
            }
        }
    }
}
