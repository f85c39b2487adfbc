using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Secrets;

/// <summary>
/// Every secret format KeyLock knows. Adding a provider means adding a <c>&lt;Provider&gt;Patterns</c>
/// file next to this one and listing its patterns here; the matcher and the rules need no change.
/// </summary>
public static class SecretCatalog
{
    /// <summary>The rule that reports known-format provider keys written into code or config.</summary>
    public const string HardcodedProviderKeyRuleId = "KL1001";

    /// <summary>The rule that reports private key material (PEM blocks, service-account key files).</summary>
    public const string PrivateKeyRuleId = "KL1002";

    /// <summary>The rule that reports connection strings and URLs with an embedded secret.</summary>
    public const string ConnectionStringRuleId = "KL1003";

    public static IReadOnlyList<SecretPattern> All { get; } = OpenAIPatterns.All
        .Concat(AIProviderPatterns.All)
        .Concat(AzurePatterns.All)
        .Concat(CloudPatterns.All)
        .Concat(DeveloperPlatformPatterns.All)
        .Concat(PrivateKeyPatterns.All)
        .Concat(ConnectionStringPatterns.All)
        .ToArray();

    /// <summary>The pattern with <paramref name="id"/>, or <see langword="null"/>.</summary>
    public static SecretPattern? Find(string id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
