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
}
