using KeyLock.Testing;

namespace KeyLock.Analyzers.Tests.Helpers;

/// <summary>
/// Random values in the shapes of keys without a known format (what KL1004 is for), built at run time
/// from a seeded generator so that no key-shaped literal is committed.
/// </summary>
internal static class RandomSecrets
{
    public const string HexAlphabet = "0123456789abcdef";

    /// <summary>32 mixed-case alphanumerics, like Mistral or Cohere keys.</summary>
    public static string Alphanumeric32(int seed = 101) => FakeKeys.RandomString(32, FakeKeys.AlphanumericAlphabet, seed);

    /// <summary>32 lower-case hex digits, like legacy Azure OpenAI keys.</summary>
    public static string Hex32(int seed = 102) => FakeKeys.RandomString(32, HexAlphabet, seed);

    /// <summary>40 URL-safe base64 characters.</summary>
    public static string Base64Url40(int seed = 103) => FakeKeys.RandomString(40, FakeKeys.Base64UrlAlphabet, seed);

    /// <summary>What a KL1004 message shows for <paramref name="value"/>.</summary>
    public static string Redacted(string value) => "\u2026" + value[^4..];
}
