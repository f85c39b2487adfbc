using System.Collections.Generic;

namespace KeyLock.Secrets;

/// <summary>
/// OpenAI keys. Current formats embed the marker <c>T3BlbkFJ</c> (base64 of "OpenAI") between two
/// random halves, which makes them high-confidence without any context. Layouts follow the public
/// rules of gitleaks, trufflehog and secretlint.
/// </summary>
public static class OpenAIPatterns
{
    private const string Provider = "OpenAI";
    private const string ApiKeyVariable = "OPENAI_API_KEY";

    // Built from pieces so that this file never contains the whole marker next to key material.
    private static readonly string Marker = "T3Bl" + "bkFJ";

    /// <summary><c>sk-proj-</c> + 74 + marker + 74 (older keys: 58 + marker + 58).</summary>
    public static readonly SecretPattern Project = new SecretPattern(
        id: "openai-project",
        provider: Provider,
        label: "project API key",
        ruleId: SecretCatalog.HardcodedProviderKeyRuleId,
        confidence: SecretConfidence.High,
        prefixes: new[] { "sk-proj-" },
        characters: CharacterSet.Base64Url,
        layouts: MarkedHalves(CharacterSet.Base64Url, 74, 58),
        environmentVariable: ApiKeyVariable);

    /// <summary><c>sk-svcacct-</c> (also seen as <c>sk-service-</c>) with the project-key layout.</summary>
    public static readonly SecretPattern ServiceAccount = new SecretPattern(
        id: "openai-service-account",
        provider: Provider,
        label: "service account key",
        ruleId: SecretCatalog.HardcodedProviderKeyRuleId,
        confidence: SecretConfidence.High,
        prefixes: new[] { "sk-svcacct-", "sk-service-" },
        characters: CharacterSet.Base64Url,
        layouts: MarkedHalves(CharacterSet.Base64Url, 74, 58),
        environmentVariable: ApiKeyVariable);

    /// <summary><c>sk-admin-</c> + 58 + marker + 58: an organization admin key, the most dangerous kind.</summary>
    public static readonly SecretPattern Admin = new SecretPattern(
        id: "openai-admin",
        provider: Provider,
        label: "admin key",
        ruleId: SecretCatalog.HardcodedProviderKeyRuleId,
        confidence: SecretConfidence.High,
        prefixes: new[] { "sk-admin-" },
        characters: CharacterSet.Base64Url,
        layouts: MarkedHalves(CharacterSet.Base64Url, 58),
        environmentVariable: "OPENAI_ADMIN_KEY");

    /// <summary>Legacy user keys: <c>sk-</c> + 20 + marker + 20, alphanumeric only.</summary>
    public static readonly SecretPattern LegacyUser = new SecretPattern(
        id: "openai-legacy-user",
        provider: Provider,
        label: "user API key",
        ruleId: SecretCatalog.HardcodedProviderKeyRuleId,
        confidence: SecretConfidence.High,
        prefixes: new[] { "sk-" },
        characters: CharacterSet.Alphanumeric,
        layouts: MarkedHalves(CharacterSet.Alphanumeric, 20),
        environmentVariable: ApiKeyVariable);

    /// <summary><c>sk-None-</c> + 48 alphanumerics: no marker, so one tier lower.</summary>
    public static readonly SecretPattern NoProject = new SecretPattern(
        id: "openai-no-project",
        provider: Provider,
        label: "API key",
        ruleId: SecretCatalog.HardcodedProviderKeyRuleId,
        confidence: SecretConfidence.Medium,
        prefixes: new[] { "sk-None-" },
        characters: CharacterSet.Alphanumeric,
        layouts: new[] { new KeyLayout(KeySegment.Run(CharacterSet.Alphanumeric, 48)) },
        environmentVariable: ApiKeyVariable);

    public static readonly IReadOnlyList<SecretPattern> All = new[] { Project, ServiceAccount, Admin, LegacyUser, NoProject };

    /// <summary>One layout per half length: random + marker + random, both halves the same length.</summary>
    private static KeyLayout[] MarkedHalves(CharacterSet characters, params int[] halfLengths)
    {
        var layouts = new KeyLayout[halfLengths.Length];
        for (var i = 0; i < halfLengths.Length; i++)
        {
            var half = KeySegment.Run(characters, halfLengths[i]);
            layouts[i] = new KeyLayout(half, KeySegment.Literal(Marker), half);
        }

        return layouts;
    }
}
