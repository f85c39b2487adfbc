namespace KeyLock.Secrets;

/// <summary>
/// Where a secret was found in a scanned text. It holds positions, not the secret, so that a match can
/// be passed around and logged without leaking the key.
/// </summary>
public readonly struct SecretMatch
{
    public SecretMatch(SecretPattern pattern, string prefix, int index, int length)
    {
        Pattern = pattern;
        Prefix = prefix;
        Index = index;
        Length = length;
    }

    public SecretPattern Pattern { get; }

    /// <summary>Which of the pattern's prefixes the key starts with; redaction shows it.</summary>
    public string Prefix { get; }

    /// <summary>Offset of the first character of the key in the scanned text.</summary>
    public int Index { get; }

    public int Length { get; }

    public int End => Index + Length;

    /// <summary>The key itself. Callers must never log or display it; use <see cref="Redactor"/>.</summary>
    public string GetValue(string text) => text.Substring(Index, Length);

    public override string ToString() => $"{Pattern.Id} at {Index} (+{Length})";
}
