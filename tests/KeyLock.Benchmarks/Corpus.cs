using System.Text;
using KeyLock.Testing;

namespace KeyLock.Benchmarks;

/// <summary>The texts the benchmarks scan, read from this repository so they are real C# and real prose.</summary>
internal static class Corpus
{
    /// <summary>Every C# file under src/ (KeyLock's own code: prefixes and near misses, no secrets), concatenated.</summary>
    public static string CSharpSource() => Concat(Path.Combine(Root(), "src"), "*.cs");

    /// <summary>The same source with one generated secret of each of 20 patterns spread through it.</summary>
    public static string CSharpSourceWithSecrets()
    {
        var source = CSharpSource();
        var ids = new[]
        {
            "openai-project", "anthropic-api-key", "google-api-key", "groq-api-key", "huggingface-token", "github-pat", "npm-access-token",
            "azure-storage-account-key", "azure-ai-services-key", "aws-access-key-id", "slack-bot-token", "stripe-secret-key", "sendgrid-api-key",
            "private-key-rsa", "azure-storage-connection-string", "basic-auth-url", "xai-api-key", "pinecone-api-key", "langsmith-personal-token", "nvidia-api-key",
        };
        var builder = new StringBuilder(source);
        for (var i = ids.Length - 1; i >= 0; i--)
        {
            var at = source.IndexOf('\n', source.Length / ids.Length * i) + 1;
            builder.Insert(at, "        var secret" + i + " = \"" + FakeSecrets.Generate(ids[i], i + 1) + "\";\n");
        }

        return builder.ToString();
    }

    /// <summary>English prose: the Markdown documentation of this repository.</summary>
    public static string Prose() => Concat(Path.Combine(Root(), "docs"), "*.md") + File.ReadAllText(Path.Combine(Root(), "README.md"));

    private static string Concat(string directory, string pattern)
    {
        var builder = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
                     .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            builder.Append(File.ReadAllText(file)).Append('\n');
        }

        return builder.ToString();
    }

    private static string Root()
    {
        var directory = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(directory, "Analyzers.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        return directory;
    }
}
