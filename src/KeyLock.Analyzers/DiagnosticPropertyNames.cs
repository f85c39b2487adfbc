namespace KeyLock.Analyzers;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that KeyLock sets, for code fixes,
/// SARIF consumers and suppression tooling. Values never contain a secret.
/// </summary>
public static class DiagnosticPropertyNames
{
    /// <summary>The provider that issues the key, e.g. <c>OpenAI</c>.</summary>
    public const string Provider = "Provider";

    /// <summary>The catalog pattern id, e.g. <c>openai-project</c>.</summary>
    public const string PatternId = "PatternId";

    /// <summary>The environment variable the key should be read from, e.g. <c>OPENAI_API_KEY</c>.</summary>
    public const string EnvironmentVariable = "EnvironmentVariable";
}
