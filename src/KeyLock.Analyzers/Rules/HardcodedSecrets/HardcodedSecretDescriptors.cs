using System;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// The KL1xxx descriptors. Several analyzers report them (C# literals, folded constants, credential sinks,
/// config files), so they live here rather than in one analyzer. A catalog pattern picks its descriptor by
/// <see cref="KeyLock.Secrets.SecretPattern.RuleId"/>: a new pattern with a known rule id lights up everywhere.
/// </summary>
internal static class HardcodedSecretDescriptors
{
    private const string MovedOutDescription = "A secret written into source code or a committed config file can be read by anyone with access to the "
        + "repository, its history, build logs, packages or the compiled assembly. Read it at run time from configuration, user secrets, "
        + "an environment variable or a secret store such as Azure Key Vault, and rotate any secret that has been committed.";

    /// <summary>KL1001. Arguments: provider, label, redacted key, environment variable.</summary>
    public static readonly DiagnosticDescriptor ProviderKey = DescriptorFactory.Create(
        DiagnosticIds.HardcodedProviderKey,
        title: "Provider key is hardcoded",
        messageFormat: "{0} {1} '{2}' is hardcoded; read it from configuration or a secret store instead, for example the environment variable {3}",
        description: MovedOutDescription,
        DiagnosticSeverity.Error);

    /// <summary>KL1002. Same arguments as KL1001.</summary>
    public static readonly DiagnosticDescriptor PrivateKey = DescriptorFactory.Create(
        DiagnosticIds.HardcodedPrivateKey,
        title: "Private key material is hardcoded",
        messageFormat: "{0} {1} '{2}' is hardcoded; load it from a secret store or a certificate store instead, for example through the environment variable {3}",
        description: "A private key in source or config lets anyone who can read the repository sign, decrypt or log in as its owner. "
            + "Keep private keys in a secret store, a certificate store or a protected file outside the repository, and replace any key that has been committed.",
        DiagnosticSeverity.Error);

    /// <summary>KL1003. Same arguments as KL1001.</summary>
    public static readonly DiagnosticDescriptor ConnectionString = DescriptorFactory.Create(
        DiagnosticIds.ConnectionStringWithSecret,
        title: "Connection string or URL embeds a secret",
        messageFormat: "{0} {1} '{2}' embeds a secret; read the connection string from configuration or use an identity-based connection instead, for example the environment variable {3}",
        description: "Connection strings and URLs with an account key, a SAS signature, a password or a token carry the secret wherever the string goes: "
            + "logs, telemetry, error messages and source control. Read them from configuration or a secret store, prefer identity-based access "
            + "(managed identity, DefaultAzureCredential) where the service supports it, and rotate any secret that has been committed.",
        DiagnosticSeverity.Warning);

    /// <summary>KL1004. Arguments: sink kind, sink name, redacted value, environment variable.</summary>
    public static readonly DiagnosticDescriptor CredentialSink = DescriptorFactory.Create(
        DiagnosticIds.SecretInCredentialSink,
        title: "Secret-like value is hardcoded into a credential",
        messageFormat: "{0} '{1}' is given the hardcoded value '{2}', which looks like a secret; read it from configuration or a secret store instead, for example the environment variable {3}",
        description: "A random-looking value passed as an API key, token, password or authorization header is almost always a real credential, "
            + "even when its format is not one KeyLock knows. Read it at run time from configuration, user secrets, an environment variable "
            + "or a secret store, and rotate it if it has been committed.",
        DiagnosticSeverity.Warning);

    /// <summary>The descriptor that reports a catalog pattern's <paramref name="ruleId"/>, or <see langword="null"/> for ids owned elsewhere.</summary>
    public static DiagnosticDescriptor? ForRuleId(string ruleId) => ruleId switch
    {
        DiagnosticIds.HardcodedProviderKey => ProviderKey,
        DiagnosticIds.HardcodedPrivateKey => PrivateKey,
        DiagnosticIds.ConnectionStringWithSecret => ConnectionString,
        DiagnosticIds.SecretInCredentialSink => CredentialSink,
        _ => null,
    };

    /// <summary>True for the rule ids whose catalog patterns are reported on a bare value (no context needed).</summary>
    public static bool IsPatternRule(string ruleId) =>
        string.Equals(ruleId, DiagnosticIds.HardcodedProviderKey, StringComparison.Ordinal)
        || string.Equals(ruleId, DiagnosticIds.HardcodedPrivateKey, StringComparison.Ordinal)
        || string.Equals(ruleId, DiagnosticIds.ConnectionStringWithSecret, StringComparison.Ordinal);
}
