namespace KeyLock.Secrets;

/// <summary>
/// Custom matching for a format that a <see cref="KeyLayout"/> cannot describe: a PEM block spread over
/// lines, a URL with credentials, a connection-string value. The matcher calls it only where one of
/// the pattern's anchors was found. Implementations must not throw, must not backtrack without bound,
/// and should allocate only when they return a match.
/// </summary>
public interface ISecretShape
{
    /// <summary>
    /// Whether a secret of this shape sits at the anchor found at <paramref name="anchorIndex"/>.
    /// </summary>
    /// <param name="text">The scanned text.</param>
    /// <param name="anchorIndex">Where <paramref name="anchor"/> starts in <paramref name="text"/>.</param>
    /// <param name="anchor">The anchor that was found.</param>
    /// <param name="rangeStart">The first index the match may cover.</param>
    /// <param name="rangeEnd">One past the last index the match may cover.</param>
    /// <param name="start">The start of the secret, at or before <paramref name="anchorIndex"/>.</param>
    /// <param name="length">The length of the secret.</param>
    /// <param name="displayPrefix">What a redacted message may show of the match's start, e.g. <c>https://</c>.</param>
    bool TryMatch(string text, int anchorIndex, SecretAnchor anchor, int rangeStart, int rangeEnd, out int start, out int length, out string displayPrefix);
}
