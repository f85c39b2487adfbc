using System.Collections.Generic;
using KeyLock.Secrets.Validation;

namespace KeyLock.Secrets;

/// <summary>
/// Azure keys. Newer keys are "identifiable": a fixed signature at a fixed offset (found by a marker
/// anchor, since the key has no prefix) and, for base64 keys, a Marvin32 checksum that rejects
/// look-alikes offline. Legacy keys are plain random strings and need context.
/// </summary>
public static class AzurePatterns
{
    private static readonly CharacterSet Base64 = CharacterSet.Base64;

    /// <summary>
    /// Azure OpenAI / AI Services "common annotated security key": 84 alphanumerics with <c>JQQJ9</c> at
    /// offset 52, a date, reserved fields and the provider signature <c>ACOG</c>. Matched by structure;
    /// the checksum of the last 4 characters is not checked (its scheme could not be verified).
    /// </summary>
    public static readonly SecretPattern AIServicesKey = SecretPattern.Define("azure-ai-services-key", "Azure OpenAI / AI Services", "API key")
        .Confidence(SecretConfidence.High).Marker("JQQJ9", 52).Characters(CharacterSet.Alphanumeric)
        .Layout(
            KeySegment.Run(CharacterSet.Alphanumeric, 52), KeySegment.Literal("JQQJ9"), KeySegment.Run(CatalogCharacters.CaskKind, 1),
            KeySegment.Run(CharacterSet.Alphanumeric, 1), KeySegment.Run(CatalogCharacters.CaskMonth, 1), KeySegment.Run(CharacterSet.Alphanumeric, 12),
            KeySegment.Literal("AAA"), KeySegment.Run(CharacterSet.UppercaseAlphanumeric, 1), KeySegment.Literal("ACOG"), KeySegment.Run(CharacterSet.Alphanumeric, 4))
        .EnvironmentVariable("AZURE_OPENAI_API_KEY").Build();

    /// <summary>Legacy Azure OpenAI / Cognitive Services keys: 32 lowercase hex, indistinguishable from an MD5 without context.</summary>
    public static readonly SecretPattern OpenAILegacyKey = SecretPattern.Define("azure-openai-legacy-key", "Azure OpenAI / AI Services", "API key (legacy)")
        .Context("azureopenai", "azure_openai", "azure-openai", "openai.azure", "aoai", "cognitiveservices", "cognitive_services", "azure_ai_", "azureai")
        .Characters(CharacterSet.Alphanumeric).Body(CharacterSet.LowercaseHex, 32)
        .EnvironmentVariable("AZURE_OPENAI_API_KEY").Build();

    public static readonly SecretPattern StorageAccountKey = Identifiable64(
        "azure-storage-account-key", "Azure Storage", "account key", "+ASt", "AZURE_STORAGE_KEY", "Default0");

    public static readonly SecretPattern CosmosDbKey = Identifiable64(
        "azure-cosmos-db-key", "Azure Cosmos DB", "account key", "ACDb", "AZURE_COSMOS_KEY",
        "MastRW00", "MastRO00", "SystRW00", "SystRO00", "SysAll00", "Resour00", "Encryp00");

    public static readonly SecretPattern ServiceBusKey = Identifiable32(
        "azure-service-bus-key", "Azure Service Bus", "shared access key", "+ASb", "AZURE_SERVICEBUS_KEY");

    public static readonly SecretPattern EventHubsKey = Identifiable32(
        "azure-event-hubs-key", "Azure Event Hubs", "shared access key", "+AEh", "AZURE_EVENTHUBS_KEY");

    public static readonly SecretPattern RelayKey = Identifiable32(
        "azure-relay-key", "Azure Relay", "shared access key", "+ARm", "AZURE_RELAY_KEY");

    /// <summary>Microsoft Entra ID (Azure AD) client secret: 3 characters, a version digit, <c>Q~</c>, 31-34 more.</summary>
    public static readonly SecretPattern EntraClientSecret = SecretPattern.Define("azure-entra-client-secret", "Microsoft Entra ID", "client secret")
        .Marker("Q~", 4).Characters(CatalogCharacters.EntraSecret)
        .Layout(
            KeySegment.Run(CatalogCharacters.EntraSecretStart, 3), KeySegment.Run(CatalogCharacters.EntraVersion, 1), KeySegment.Literal("Q~"),
            KeySegment.Run(CatalogCharacters.EntraSecret, 31, 34))
        .EnvironmentVariable("AZURE_CLIENT_SECRET").Build();

    public static readonly IReadOnlyList<SecretPattern> All = new[]
    {
        AIServicesKey, OpenAILegacyKey, StorageAccountKey, CosmosDbKey, ServiceBusKey, EventHubsKey, RelayKey, EntraClientSecret,
    };

    /// <summary>64-byte keys: 76 random characters, the signature, 5 checksum characters, one of <c>AQgw</c> and <c>==</c>.</summary>
    private static SecretPattern Identifiable64(string id, string provider, string label, string signature, string variable, params string[] seeds) =>
        SecretPattern.Define(id, provider, label)
            .Confidence(SecretConfidence.High).Marker(signature, 76)
            .Characters(CharacterSet.Base64Padded).Boundary(Base64)
            .Layout(
                KeySegment.Run(Base64, 76), KeySegment.Literal(signature), KeySegment.Run(Base64, 5),
                KeySegment.Run(CatalogCharacters.Base64Final2Bits, 1), KeySegment.Literal("=="))
            .Validator(new IdentifiableKeyValidator(seeds))
            .EnvironmentVariable(variable).Build();

    /// <summary>32-byte keys: 33 random characters, the signature, a character from A-P, 5 more and <c>=</c>.</summary>
    private static SecretPattern Identifiable32(string id, string provider, string label, string signature, string variable) =>
        SecretPattern.Define(id, provider, label)
            .Confidence(SecretConfidence.High).Marker(signature, 33)
            .Characters(CharacterSet.Base64Padded).Boundary(Base64)
            .Layout(
                KeySegment.Run(Base64, 33), KeySegment.Literal(signature), KeySegment.Run(CatalogCharacters.Base64Top4Bits, 1),
                KeySegment.Run(Base64, 5), KeySegment.Literal("="))
            .Validator(new IdentifiableKeyValidator("Send0000", "Listen00", "Manage00", "System00", "Unknown0"))
            .EnvironmentVariable(variable).Build();
}
