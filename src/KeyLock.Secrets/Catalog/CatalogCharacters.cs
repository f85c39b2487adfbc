namespace KeyLock.Secrets;

/// <summary>Alphabets that only a few catalog patterns use.</summary>
internal static class CatalogCharacters
{
    public static readonly CharacterSet AlphanumericDash = CharacterSet.Alphanumeric.With("-", "alphanumeric and dash");
    public static readonly CharacterSet AlphanumericSlash = CharacterSet.Alphanumeric.With("/", "alphanumeric and slash");
    public static readonly CharacterSet Base64UrlDot = CharacterSet.Base64Url.With(".", "base64url and dot");
    public static readonly CharacterSet Base64UrlColon = CharacterSet.Base64Url.With(":", "base64url and colon");
    public static readonly CharacterSet LowercaseHexDash = CharacterSet.LowercaseHex.With("-", "lowercase hex and dash");
    public static readonly CharacterSet EntraSecret = CharacterSet.Base64Url.With("~.", "Entra secret characters");
    public static readonly CharacterSet EntraSecretStart = CharacterSet.Word.With("~.", "word, tilde and dot");
    public static readonly CharacterSet EntraVersion = CharacterSet.FromRanges("7 or 8", "78");
    public static readonly CharacterSet CaskKind = CharacterSet.FromRanges("CASK kind", "99", "DD", "HH");
    public static readonly CharacterSet CaskMonth = CharacterSet.FromRanges("CASK month", "AL");
    public static readonly CharacterSet Base64Final2Bits = CharacterSet.FromRanges("base64 ending in 4 zero bits", "AA", "QQ", "gg", "ww");
    public static readonly CharacterSet Base64Top4Bits = CharacterSet.FromRanges("base64 starting with 2 zero bits", "AP");
}
