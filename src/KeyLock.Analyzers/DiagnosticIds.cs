namespace KeyLock.Analyzers;

/// <summary>
/// Every diagnostic id KeyLock's analyzers report, by range: KL1xxx hardcoded secrets, KL2xxx secret
/// handling, KL3xxx egress, KL9xxx KeyLock's own failures. Ids are never reused.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A known-format provider key (OpenAI, …) written into code or a comment.</summary>
    public const string HardcodedProviderKey = "KL1001";

    /// <summary>Private key material (a PEM block, an SSH or PGP private key) written into code or config.</summary>
    public const string HardcodedPrivateKey = "KL1002";

    /// <summary>A connection string or URL that embeds a secret (account key, SAS signature, password).</summary>
    public const string ConnectionStringWithSecret = "KL1003";

    /// <summary>A high-entropy value written into a credential sink (API-key parameter, auth header, member named like a key).</summary>
    public const string SecretInCredentialSink = "KL1004";

    /// <summary>Values of the whole environment or configuration flow into a log, file, request, exception or telemetry tag.</summary>
    public const string WholeEnvironmentExposed = "KL2001";

    /// <summary>Values of the whole environment are copied into a child process's environment.</summary>
    public const string WholeEnvironmentToChildProcess = "KL2002";

    /// <summary>A key is put into the process-wide environment with Environment.SetEnvironmentVariable.</summary>
    public const string SecretInProcessEnvironment = "KL2003";

    /// <summary>Several secrets are kept in one blob: a .env file loaded into the environment, one value parsed into a dictionary.</summary>
    public const string SecretsInOneBlob = "KL2004";

    /// <summary>A value read by a key-like name flows into logging, an exception, telemetry or a URL query string.</summary>
    public const string SecretLeaked = "KL2005";

    /// <summary>A hardcoded outbound endpoint whose host is not on the egress allowlist.</summary>
    public const string EgressNotAllowlisted = "KL3001";
}
