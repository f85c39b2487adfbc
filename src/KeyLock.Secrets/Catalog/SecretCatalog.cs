using System;
using System.Collections.Generic;

namespace KeyLock.Secrets;

/// <summary>
/// Every secret format KeyLock knows. Adding a provider means adding a <c>&lt;Provider&gt;Patterns</c>
/// file next to this one and listing its patterns here; the matcher and the rules need no change.
/// </summary>
/// <remarks>
/// The provider classes expose their patterns as static readonly fields rather than properties: the
/// catalog is built in every compiler process, and each property getter would be one more method to
/// JIT-compile before the first scan.
/// </remarks>
public static class SecretCatalog
{
    /// <summary>The rule that reports known-format provider keys written into code or config.</summary>
    public const string HardcodedProviderKeyRuleId = "KL1001";

    /// <summary>The rule that reports private key material (PEM blocks, service-account key files).</summary>
    public const string PrivateKeyRuleId = "KL1002";

    /// <summary>The rule that reports connection strings and URLs with an embedded secret.</summary>
    public const string ConnectionStringRuleId = "KL1003";

    public static IReadOnlyList<SecretPattern> All { get; } = Join(
        OpenAIPatterns.All,
        AIProviderPatterns.All,
        AzurePatterns.All,
        CloudPatterns.All,
        DeveloperPlatformPatterns.All,
        PrivateKeyPatterns.All,
        ConnectionStringPatterns.All);

    /// <summary>The pattern with <paramref name="id"/>, or <see langword="null"/>.</summary>
    public static SecretPattern? Find(string id)
    {
        foreach (var pattern in All)
        {
            if (string.Equals(pattern.Id, id, StringComparison.Ordinal))
            {
                return pattern;
            }
        }

        return null;
    }

    // One array copy instead of a Concat chain: the catalog is built once per compiler process, where
    // every LINQ iterator type is JIT-compiled before the first scan.
    private static SecretPattern[] Join(params IReadOnlyList<SecretPattern>[] groups)
    {
        var all = new List<SecretPattern>();
        foreach (var group in groups)
        {
            for (var i = 0; i < group.Count; i++)
            {
                all.Add(group[i]);
            }
        }

        return all.ToArray();
    }
}
