namespace KeyLock.Secrets;

/// <summary>
/// How sure a match is to be a real secret. Rules choose the tiers they report: a rule that breaks
/// the build on a bare literal reports <see cref="Medium"/> and <see cref="High"/> only.
/// </summary>
public enum SecretConfidence
{
    /// <summary>Shape only (length and alphabet): needs context such as a variable or setting name.</summary>
    Low = 0,

    /// <summary>A distinctive prefix and an exact length, but no fixed marker or checksum.</summary>
    Medium = 1,

    /// <summary>A distinctive prefix plus a fixed marker or checksum: false positives are very unlikely.</summary>
    High = 2,
}
