using System.Collections.Generic;
using KeyLock.Secrets.Shapes;

namespace KeyLock.Secrets;

/// <summary>
/// PEM private keys (rule KL1002): the <c>BEGIN</c> line names the kind, the body must be real key
/// material (see <see cref="PemPrivateKeyShape"/>). Public keys and certificates are not secrets and
/// have no pattern. Header lines are assembled from pieces so that this file holds none whole.
/// </summary>
public static class PrivateKeyPatterns
{
    public static readonly SecretPattern Rsa = Pem("private-key-rsa", "RSA private key", "RSA ", "PRIVATE_KEY");

    public static readonly SecretPattern EC = Pem("private-key-ec", "EC private key", "EC ", "PRIVATE_KEY");

    public static readonly SecretPattern Dsa = Pem("private-key-dsa", "DSA private key", "DSA ", "PRIVATE_KEY");

    public static readonly SecretPattern Pkcs8 = Pem("private-key-pkcs8", "PKCS #8 private key", string.Empty, "PRIVATE_KEY");

    public static readonly SecretPattern EncryptedPkcs8 = Pem("private-key-encrypted", "encrypted PKCS #8 private key", "ENCRYPTED ", "PRIVATE_KEY");

    public static readonly SecretPattern OpenSsh = Pem("private-key-openssh", "private key (OpenSSH)", "OPENSSH ", "SSH_PRIVATE_KEY");

    public static readonly SecretPattern Pgp = Pem("private-key-pgp", "PGP private key block", "PGP ", "PGP_PRIVATE_KEY", " BLOCK");

    public static readonly IReadOnlyList<SecretPattern> All = new[] { Rsa, EC, Dsa, Pkcs8, EncryptedPkcs8, OpenSsh, Pgp };

    /// <summary>The BEGIN line of a PEM private key of <paramref name="kind"/>, e.g. <c>"RSA "</c>.</summary>
    public static string BeginLine(string kind, string suffix = "") => "-----BEGIN " + kind + "PRIVATE" + " KEY" + suffix + "-----";

    private static SecretPattern Pem(string id, string label, string kind, string variable, string suffix = "") =>
        SecretPattern.Define(id, "PEM", label)
            .Rule(SecretCatalog.PrivateKeyRuleId).Confidence(SecretConfidence.High)
            .Prefix(BeginLine(kind, suffix)).Characters(CharacterSet.Base64Padded).Shape(PemPrivateKeyShape.Instance)
            .EnvironmentVariable(variable).Build();
}
