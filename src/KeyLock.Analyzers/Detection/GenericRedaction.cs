namespace KeyLock.Analyzers.Detection;

/// <summary>
/// Redaction for values no catalog pattern describes (KL1004): an ellipsis and the last four characters,
/// and only the ellipsis when fewer than 16 characters would stay hidden. Mirrors
/// <see cref="KeyLock.Secrets.Redactor"/> without a public prefix, which an unknown format does not have.
/// </summary>
internal static class GenericRedaction
{
    public static string Redact(string value)
    {
        const int visible = KeyLock.Secrets.Redactor.VisibleSuffixLength;
        return value.Length - visible >= 16
            ? KeyLock.Secrets.Redactor.Ellipsis + value.Substring(value.Length - visible)
            : KeyLock.Secrets.Redactor.Ellipsis;
    }
}
