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

    /// <summary>KL1004: where the value goes, e.g. <c>parameter apiKey</c> or <c>header x-api-key</c>.</summary>
    public const string Sink = "Sink";

    /// <summary>In config files: the JSON property path, dotenv variable or YAML key that holds the value.</summary>
    public const string Setting = "Setting";

    /// <summary>KL1004 on an authorization value: the scheme in front of the secret, e.g. <c>Bearer </c>, kept by the code fix.</summary>
    public const string AuthorizationScheme = "AuthorizationScheme";
}
