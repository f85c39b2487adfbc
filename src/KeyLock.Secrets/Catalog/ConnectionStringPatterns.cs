using System.Collections.Generic;
using KeyLock.Secrets.Shapes;
using KeyLock.Secrets.Validation;

namespace KeyLock.Secrets;

/// <summary>
/// Secrets embedded in connection strings and URLs (rule KL1003), and bearer tokens that are secrets
/// only where they are used as credentials (JWTs).
/// </summary>
public static class ConnectionStringPatterns
{
    public static readonly SecretPattern StorageConnectionString = ConnectionString(
        "azure-storage-connection-string", "Azure Storage", "connection string account key", ConnectionStringSecret.StorageAccountKey,
        "AZURE_STORAGE_CONNECTION_STRING", "AccountKey=");

    public static readonly SecretPattern CosmosConnectionString = ConnectionString(
        "azure-cosmos-connection-string", "Azure Cosmos DB", "connection string account key", ConnectionStringSecret.CosmosAccountKey,
        "AZURE_COSMOS_CONNECTION_STRING", "AccountKey=");

    public static readonly SecretPattern SharedAccessKeyConnectionString = ConnectionString(
        "azure-sas-connection-string", "Azure Service Bus / Event Hubs", "connection string shared access key", ConnectionStringSecret.SharedAccessKey,
        "AZURE_SERVICEBUS_CONNECTION_STRING", "SharedAccessKey=");

    public static readonly SecretPattern PasswordConnectionString = ConnectionString(
        "connection-string-password", "Database", "connection string password", ConnectionStringSecret.Password,
        "DATABASE_CONNECTION_STRING", "Password=", "password=", "PASSWORD=", "Pwd=", "pwd=", "PWD=");

    public static readonly SecretPattern BasicAuthUrl = SecretPattern.Define("basic-auth-url", "URL", "password in a URL")
        .Rule(SecretCatalog.ConnectionStringRuleId).Prefix("://").Characters(CharacterSet.Base64).Shape(BasicAuthUrlShape.Instance)
        .EnvironmentVariable("CONNECTION_URL").Build();

    /// <summary>
    /// A signed JSON web token. Low confidence and <see cref="SecretPattern.RequiresCredentialPosition"/>:
    /// JWTs fill test fixtures and docs, so a rule should report one only where it is used as a credential.
    /// </summary>
    public static readonly SecretPattern Jwt = SecretPattern.Define("json-web-token", "JWT", "JSON web token")
        .Confidence(SecretConfidence.Low).OnlyInCredentialPosition()
        .Prefix("eyJ").Layout(KeySegment.Structured(CatalogCharacters.Base64UrlDot, 48, 8192)).Validator(JwtValidator.Instance)
        .EnvironmentVariable("AUTH_TOKEN").Build();

    public static readonly IReadOnlyList<SecretPattern> All = new[]
    {
        StorageConnectionString, CosmosConnectionString, SharedAccessKeyConnectionString, PasswordConnectionString, BasicAuthUrl, Jwt,
    };

    private static SecretPattern ConnectionString(string id, string provider, string label, ConnectionStringSecret secret, string variable, params string[] anchors) =>
        SecretPattern.Define(id, provider, label)
            .Rule(SecretCatalog.ConnectionStringRuleId).Prefix(anchors).Characters(CharacterSet.Base64Padded)
            .Shape(new ConnectionStringShape(secret)).EnvironmentVariable(variable).Build();
}
