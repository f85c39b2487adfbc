using System;
using System.Text;

namespace KeyLock.Testing;

/// <summary>
/// Builds format-valid fake provider keys at run time from pieces and a seeded generator, so that no
/// key-shaped literal is ever committed (neither KeyLock nor any other scanner flags this repository).
/// </summary>
internal static class FakeKeys
{
    public const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    public const string AlphanumericAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // base64("OpenAI"), split so the marker never appears whole in source.
    internal static readonly string OpenAIMarker = "T3Bl" + "bkFJ";

    /// <summary>An OpenAI project key: sk-proj- + 74 + marker + 74.</summary>
    public static string OpenAIProject(int seed = 1) => OpenAIShaped("sk-" + "proj-", 74, Base64UrlAlphabet, seed);

    /// <summary>An OpenAI service-account key: sk-svcacct- + 74 + marker + 74.</summary>
    public static string OpenAIServiceAccount(int seed = 2) => OpenAIShaped("sk-" + "svcacct-", 74, Base64UrlAlphabet, seed);

    /// <summary>An OpenAI admin key: sk-admin- + 58 + marker + 58.</summary>
    public static string OpenAIAdmin(int seed = 3) => OpenAIShaped("sk-" + "admin-", 58, Base64UrlAlphabet, seed);

    /// <summary>A legacy OpenAI user key: sk- + 20 + marker + 20, alphanumeric only.</summary>
    public static string OpenAILegacy(int seed = 4) => OpenAIShaped("sk" + "-", 20, AlphanumericAlphabet, seed);

    /// <summary>An older project key with 58-character halves.</summary>
    public static string OpenAIProjectShortHalves(int seed = 5) => OpenAIShaped("sk-" + "proj-", 58, Base64UrlAlphabet, seed);

    /// <summary>A service-account key with the alternative sk-service- prefix.</summary>
    public static string OpenAIServiceAlias(int seed = 6) => OpenAIShaped("sk-" + "service-", 74, Base64UrlAlphabet, seed);

    /// <summary>An OpenAI key without a project: sk-None- + 48 alphanumerics, no marker.</summary>
    public static string OpenAINoProject(int seed = 7) => "sk-" + "None-" + RandomString(48, AlphanumericAlphabet, seed);

    private static string OpenAIShaped(string prefix, int halfLength, string alphabet, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(prefix);
        Append(builder, random, alphabet, halfLength);
        builder.Append(OpenAIMarker);
        Append(builder, random, alphabet, halfLength);
        return builder.ToString();
    }

    /// <summary>Random characters from <paramref name="alphabet"/>, seeded for repeatable tests.</summary>
    public static string RandomString(int length, string alphabet = AlphanumericAlphabet, int seed = 42)
    {
        var builder = new StringBuilder(length);
        Append(builder, new Random(seed), alphabet, length);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Random random, string alphabet, int count)
    {
        for (var i = 0; i < count; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }
    }
}
