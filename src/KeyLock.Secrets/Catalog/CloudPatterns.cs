using System.Collections.Generic;
using KeyLock.Secrets.Shapes;
using KeyLock.Secrets.Validation;

namespace KeyLock.Secrets;

/// <summary>AWS and Google Cloud credentials.</summary>
public static class CloudPatterns
{
    /// <summary>Long-term (<c>AKIA</c>), temporary (<c>ASIA</c>) and other access key ids: prefix + 16 base32.</summary>
    public static readonly SecretPattern AwsAccessKeyId = SecretPattern.Define("aws-access-key-id", "AWS", "access key ID")
        .Prefix("AKIA", "ASIA", "ABIA", "ACCA").Characters(CharacterSet.UppercaseAlphanumeric).Body(CharacterSet.UppercaseBase32, 16)
        .KnownPublicValues(KnownNonSecrets.AwsDocumentationAccessKeyId)
        .EnvironmentVariable("AWS_ACCESS_KEY_ID").Build();

    /// <summary>40 base64 characters: only recognizable next to its name.</summary>
    public static readonly SecretPattern AwsSecretAccessKey = SecretPattern.Define("aws-secret-access-key", "AWS", "secret access key")
        .Context("aws_secret", "awssecret", "aws-secret", "secretaccesskey", "secret_access_key", "secret-access-key")
        .Body(CharacterSet.Base64, 40).Validator(NotHexValidator.Instance)
        .KnownPublicValues(KnownNonSecrets.AwsDocumentationSecretKey)
        .EnvironmentVariable("AWS_SECRET_ACCESS_KEY").Build();

    /// <summary>Long-lived Amazon Bedrock API keys: <c>ABSK</c> + base64.</summary>
    public static readonly SecretPattern BedrockApiKey = SecretPattern.Define("aws-bedrock-api-key", "AWS", "API key (Bedrock)")
        .Prefix("ABSK").Characters(CharacterSet.Base64Padded).Boundary(CharacterSet.Base64)
        .Layout(KeySegment.Run(CharacterSet.Base64, 109, 269))
        .Layout(KeySegment.Run(CharacterSet.Base64, 109, 269), KeySegment.Literal("="))
        .Layout(KeySegment.Run(CharacterSet.Base64, 109, 269), KeySegment.Literal("=="))
        .EnvironmentVariable("AWS_BEARER_TOKEN_BEDROCK").Build();

    /// <summary>A service-account key file's <c>"private_key"</c> member (KL1002).</summary>
    public static readonly SecretPattern GcpServiceAccountKey = SecretPattern.Define("gcp-service-account-key", "Google Cloud", "service account private key")
        .Rule(SecretCatalog.PrivateKeyRuleId).Confidence(SecretConfidence.High)
        .Prefix("\"private_key\"").Characters(CharacterSet.Base64Padded).Shape(GcpServiceAccountShape.Instance)
        .EnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS").Build();

    public static readonly IReadOnlyList<SecretPattern> All = new[] { AwsAccessKeyId, AwsSecretAccessKey, BedrockApiKey, GcpServiceAccountKey };
}
