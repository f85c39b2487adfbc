namespace KeyLock.Secrets;

/// <summary>
/// An extra check a pattern can run after its layout matched, e.g. a checksum. It must not allocate
/// and must not throw for any input.
/// </summary>
public interface ISecretValidator
{
    /// <summary>Whether <paramref name="text"/>[<paramref name="index"/>..+<paramref name="length"/>] is a genuine key.</summary>
    bool IsValid(string text, int index, int length);
}
