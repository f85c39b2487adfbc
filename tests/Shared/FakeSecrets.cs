using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace KeyLock.Testing;

/// <summary>
/// A seeded generator of format-valid fake secrets for every catalog pattern, and of look-alikes that
/// must stay quiet. Prefixes and markers are assembled from pieces and checksums are computed at run
/// time, so that no key-shaped literal is ever committed. Self-contained (its own CRC-32, Marvin32 and
/// base62) so that it can be linked into test projects that do not reference KeyLock.Secrets, and so
/// that it checks the engine's checksum code instead of reusing it.
/// </summary>
internal static class FakeSecrets
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Alphanumeric = Upper + Lower + Digits;
    public const string Base64Url = Alphanumeric + "-_";
    public const string Base64 = Upper + Lower + Digits + "+/";
    public const string Word = Alphanumeric + "_";
    public const string Hex = "0123456789abcdef";
    public const string Base62 = Digits + Upper + Lower;

    /// <summary>Generators by catalog pattern id.</summary>
    public static IReadOnlyDictionary<string, Func<Random, string>> Generators { get; } = new Dictionary<string, Func<Random, string>>(StringComparer.Ordinal)
    {
        ["openai-project"] = r => FakeKeys.OpenAIProject(r.Next()),
        ["openai-service-account"] = r => FakeKeys.OpenAIServiceAccount(r.Next()),
        ["openai-admin"] = r => FakeKeys.OpenAIAdmin(r.Next()),
        ["openai-legacy-user"] = r => FakeKeys.OpenAILegacy(r.Next()),
        ["openai-no-project"] = r => FakeKeys.OpenAINoProject(r.Next()),
        ["anthropic-api-key"] = r => "sk-" + "ant-" + "api03-" + R(r, Base64Url, 93) + "AA",
        ["anthropic-admin-key"] = r => "sk-" + "ant-" + "admin01-" + R(r, Base64Url, 93) + "AA",
        ["google-api-key"] = r => "AI" + "za" + R(r, Base64Url, 35),
        ["huggingface-token"] = r => "hf" + "_" + R(r, Upper + Lower, 34),
        ["huggingface-org-token"] = r => "api_" + "org_" + R(r, Upper + Lower, 34),
        ["groq-api-key"] = r => "gs" + "k_" + R(r, Alphanumeric, 52),
        ["replicate-api-token"] = r => "r8" + "_" + R(r, Alphanumeric, 37),
        ["perplexity-api-key"] = r => "pp" + "lx-" + R(r, Alphanumeric, 48),
        ["xai-api-key"] = r => "xa" + "i-" + R(r, Word, 80),
        ["openrouter-api-key"] = r => "sk-" + "or-" + "v1-" + R(r, Hex, 64),
        ["mistral-api-key"] = r => R(r, Alphanumeric, 32),
        ["cohere-api-key"] = r => R(r, Alphanumeric, 40),
        ["deepseek-api-key"] = r => "sk" + "-" + R(r, Hex, 32),
        ["together-api-key"] = r => "tgp_" + "v1_" + R(r, Base64Url, 43),
        ["together-legacy-key"] = r => R(r, Hex, 64),
        ["fireworks-api-key"] = r => "fw" + "_" + R(r, Alphanumeric, r.Next(24, 49)),
        ["cerebras-api-key"] = r => "cs" + "k-" + R(r, Lower + Digits, 48),
        ["nvidia-api-key"] = r => "nv" + "api-" + R(r, Base64Url, r.Next(60, 71)),
        ["elevenlabs-api-key"] = r => "sk" + "_" + R(r, Hex, 48),
        ["elevenlabs-legacy-key"] = r => R(r, Hex, 32),
        ["pinecone-api-key"] = r => "pc" + "sk_" + R(r, Alphanumeric, r.Next(5, 7)) + "_" + R(r, Alphanumeric, 63),
        ["langsmith-personal-token"] = r => "lsv2_" + "pt_" + R(r, Hex, 32) + "_" + R(r, Hex, 10),
        ["langsmith-service-key"] = r => "lsv2_" + "sk_" + R(r, Hex, 32) + "_" + R(r, Hex, 10),
        ["wandb-api-key"] = r => "wandb_" + "v1_" + R(r, Word, 77),
        ["wandb-legacy-key"] = r => R(r, Hex, 40),
        ["langfuse-secret-key"] = r => "sk-" + "lf-" + Guid(r),
        ["azure-ai-services-key"] = r => R(r, Alphanumeric, 52) + "JQQ" + "J99" + R(r, Alphanumeric, 1) + R(r, "ABCDEFGHIJKL", 1)
            + R(r, Alphanumeric, 12) + "AAA" + R(r, "AB", 1) + "AC" + "OG" + R(r, Alphanumeric, 4),
        ["azure-openai-legacy-key"] = r => R(r, Hex, 32),
        ["azure-storage-account-key"] = r => Identifiable(r, 64, "+AS" + "t", "Default0"),
        ["azure-cosmos-db-key"] = r => Identifiable(r, 64, "AC" + "Db", Pick(r, "MastRW00", "MastRO00", "Encryp00")),
        ["azure-service-bus-key"] = r => Identifiable(r, 32, "+AS" + "b", Pick(r, "Send0000", "Listen00", "Manage00")),
        ["azure-event-hubs-key"] = r => Identifiable(r, 32, "+AE" + "h", Pick(r, "Send0000", "Listen00", "Manage00")),
        ["azure-relay-key"] = r => Identifiable(r, 32, "+AR" + "m", Pick(r, "Send0000", "Listen00", "Manage00")),
        ["azure-entra-client-secret"] = r => R(r, Word + "~.", 3) + "8" + "Q~" + R(r, Base64Url + "~.", 34),
        ["aws-access-key-id"] = r => Pick(r, "AK" + "IA", "AS" + "IA") + R(r, Upper + "234567", 16),
        ["aws-secret-access-key"] = r => R(r, Base64, 40),
        ["aws-bedrock-api-key"] = r => "AB" + "SK" + Convert.ToBase64String(Bytes(r, r.Next(82, 200))),
        ["gcp-service-account-key"] = r => ServiceAccountJson(r),
        ["github-pat"] = r => GitHub(r, "gh" + "p_"),
        ["github-oauth-token"] = r => GitHub(r, "gh" + "o_"),
        ["github-user-to-server-token"] = r => GitHub(r, "gh" + "u_"),
        ["github-server-to-server-token"] = r => GitHub(r, "gh" + "s_"),
        ["github-refresh-token"] = r => GitHub(r, "gh" + "r_"),
        ["github-fine-grained-pat"] = r => "github_" + "pat_" + R(r, Alphanumeric, 22) + "_" + R(r, Alphanumeric, 59),
        ["gitlab-pat"] = r => "gl" + "pat-" + R(r, Base64Url, 20),
        ["npm-access-token"] = r => GitHub(r, "np" + "m_"),
        ["nuget-api-key"] = r => "oy" + "2" + R(r, Lower + "234567", 43),
        ["slack-bot-token"] = r => "xo" + "xb-" + R(r, Digits, r.Next(10, 14)) + "-" + R(r, Digits, r.Next(10, 14)) + "-" + R(r, Alphanumeric, 24),
        ["slack-user-token"] = r => "xo" + "xp-" + R(r, Digits, 11) + "-" + R(r, Digits, 12) + "-" + R(r, Digits, 13) + "-" + R(r, Hex, 32),
        ["slack-app-token"] = r => "xa" + "pp-" + "1-A" + R(r, Upper + Digits, 10) + "-" + R(r, Digits, 13) + "-" + R(r, Hex, 64),
        ["slack-webhook-url"] = r => "https://hooks." + "slack.com/services/" + "T" + R(r, Upper + Digits, r.Next(8, 11)) + "/B" + R(r, Upper + Digits, r.Next(8, 11)) + "/" + R(r, Alphanumeric, 24),
        ["stripe-secret-key"] = r => "sk" + "_live_" + R(r, Alphanumeric, r.Next(24, 100)),
        ["stripe-restricted-key"] = r => "rk" + "_live_" + R(r, Alphanumeric, r.Next(24, 100)),
        ["stripe-test-key"] = r => Pick(r, "sk", "rk") + "_test_" + R(r, Alphanumeric, r.Next(24, 100)),
        ["sendgrid-api-key"] = r => "S" + "G." + R(r, Base64Url, 22) + "." + R(r, Base64Url, 43),
        ["twilio-api-key"] = r => "S" + "K" + R(r, Hex, 32),
        ["twilio-auth-token"] = r => R(r, Hex, 32),
        ["telegram-bot-token"] = r => R(r, "123456789", 1) + R(r, Digits, r.Next(7, 10)) + ":" + "A" + R(r, Base64Url, 34),
        ["discord-bot-token"] = r => R(r, Base64Url, Pick(r, 24, 26)) + "." + R(r, Base64Url, 6) + "." + R(r, Base64Url, r.Next(27, 39)),
        ["private-key-rsa"] = r => Pem(r, "RSA "),
        ["private-key-ec"] = r => Pem(r, "EC "),
        ["private-key-dsa"] = r => Pem(r, "DSA "),
        ["private-key-pkcs8"] = r => Pem(r, string.Empty),
        ["private-key-encrypted"] = r => Pem(r, "ENCRYPTED "),
        ["private-key-openssh"] = r => Pem(r, "OPENSSH "),
        ["private-key-pgp"] = r => Pem(r, "PGP ", " BLOCK"),
        ["azure-storage-connection-string"] = r => "DefaultEndpointsProtocol=https;AccountName=" + R(r, Lower + Digits, 10) + ";Account" + "Key="
            + Convert.ToBase64String(Bytes(r, 64)) + ";EndpointSuffix=core.windows.net",
        ["azure-cosmos-connection-string"] = r => "AccountEndpoint=https://" + R(r, Lower, 8) + ".documents.azure.com:443/;Account" + "Key="
            + Convert.ToBase64String(Bytes(r, 64)) + ";",
        ["azure-sas-connection-string"] = r => "Endpoint=sb://" + R(r, Lower, 8) + ".servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccess" + "Key="
            + Convert.ToBase64String(Bytes(r, 32)),
        ["connection-string-password"] = r => "Server=tcp:" + R(r, Lower, 8) + ".database.windows.net,1433;Database=app;User ID=app_user;Pass" + "word="
            + R(r, Alphanumeric, 1) + R(r, Alphanumeric + "!#%^", r.Next(11, 23)) + ";Encrypt=True;",
        ["basic-auth-url"] = r => Pick(r, "postgres", "mysql", "redis", "amqps", "https", "mongodb") + "://" + R(r, Lower, 6) + ":" + R(r, Alphanumeric, r.Next(12, 28))
            + "@" + R(r, Lower, 8) + ".example.net:" + r.Next(1000, 9999) + "/app",
        ["json-web-token"] = r => Jwt(r, "{\"sub\":\"" + R(r, Alphanumeric, 12) + "\",\"iat\":" + r.Next(1600000000, 1800000000) + ",\"scope\":\"api\"}", R(r, Base64Url, 43)),
    };

    /// <summary>A fake secret of <paramref name="patternId"/>; the same seed gives the same value.</summary>
    public static string Generate(string patternId, int seed) => Generators[patternId](new Random(seed));

    /// <summary>
    /// A look-alike that must never be reported, and the context to scan it with. Each reason names the
    /// trap (broken checksum, wrong length, placeholder, emulator key, hash, …).
    /// </summary>
    public static IReadOnlyList<LookAlike> LookAlikes(int seed)
    {
        var r = new Random(seed);
        var list = new List<LookAlike>
        {
            new("GitHub token with a broken checksum", BreakChar(r, GitHub(r, "gh" + "p_"), 4, 30), null),
            new("npm token with a broken checksum", BreakChar(r, GitHub(r, "np" + "m_"), 4, 30), null),
            new("GitHub token with a changed checksum character", BreakChar(r, GitHub(r, "gh" + "s_"), 34, 6), null),
            new("storage key with a broken checksum", BreakChar(r, Identifiable(r, 64, "+AS" + "t", "Default0"), 0, 76), null),
            new("Cosmos DB key with a broken checksum", BreakChar(r, Identifiable(r, 64, "AC" + "Db", "MastRW00"), 0, 76), null),
            new("Service Bus key with a broken checksum", BreakChar(r, Identifiable(r, 32, "+AS" + "b", "Send0000"), 0, 33), null),
            new("storage key with the wrong seed", Identifiable(r, 64, "+AS" + "t", "Unknown0"), null),
            new("Groq key one character short", "gs" + "k_" + R(r, Alphanumeric, 51), null),
            new("Perplexity key one character long", "pp" + "lx-" + R(r, Alphanumeric, 49), null),
            new("Anthropic key without its AA tail", "sk-" + "ant-" + "api03-" + R(r, Base64Url, 95), null),
            new("OpenRouter key with uppercase hex", "sk-" + "or-" + "v1-" + R(r, "0123456789ABCDEF", 64), null),
            new("Google key one character short", "AI" + "za" + R(r, Base64Url, 34), null),
            new("Hugging Face key one character long", "hf" + "_" + R(r, Upper + Lower, 35), null),
            new("OpenAI key with a wrong marker", FakeKeys.OpenAIProject(r.Next()).Replace(FakeKeys.OpenAIMarker, "T3Bl" + "bkFK"), null),
            new("placeholder body of x", "gs" + "k_" + new string('x', 52), null),
            new("placeholder body of zeros", "sk-" + "ant-" + "api03-" + new string('0', 93) + "AA", null),
            new("sequential body", "pp" + "lx-" + Cycle("abcdefghijklmnopqrstuvwxyz0123456789", 48), null),
            new("placeholder word in the body", "gs" + "k_" + R(r, Alphanumeric, 41) + "PLACEHOLDER", null),
            new("ellipsis placeholder", "sk-" + "proj-...", null),
            new("angle-bracket placeholder", "<OPENAI_API_KEY>", null),
            new("environment variable reference", "${ANTHROPIC_API_KEY}", null),
            new("environment variable name", "GROQ_API_KEY", "GROQ_API_KEY"),
            new("your-key placeholder", "YOUR_API_KEY", "ApiKey"),
            new("Azurite connection string", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;Account" + "Key=" + AzuriteKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;", null),
            new("Cosmos DB emulator connection string", "AccountEndpoint=https://localhost:8081/;Account" + "Key=" + CosmosEmulatorKey, null),
            new("development storage shortcut", "UseDevelopmentStorage=true", null),
            new("AWS documentation access key id", "AK" + "IA" + "IOSFODNN7" + "EXAMPLE", null),
            new("AWS documentation secret key", "wJalrXUtnFEMI/" + "K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY", "AWS_SECRET_ACCESS_KEY"),
            new("jwt.io sample token", Jwt(r, "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}", R(r, Base64Url, 43)), "Authorization"),
            new("unsigned JWT", Jwt(r, "{\"sub\":\"" + R(r, Alphanumeric, 10) + "\"}", string.Empty), "Authorization"),
            new("GUID", System.Guid.NewGuid().ToString(), "MistralDeploymentId"),
            new("GUID without dashes next to a Mistral name", R(r, Hex, 32), "MistralModelId"),
            new("MD5 digest", R(r, Hex, 32), null),
            new("SHA-1 digest", R(r, Hex, 40), null),
            new("SHA-256 digest", R(r, Hex, 64), null),
            new("git commit id next to a build name", R(r, Hex, 40), "SourceRevisionId"),
            new("npm lock-file integrity hash", "\"integrity\": \"sha512-" + Convert.ToBase64String(Bytes(r, 64)) + "\"", null),
            new("NuGet lock-file content hash", "\"contentHash\": \"" + Convert.ToBase64String(Bytes(r, 64)) + "\"", null),
            new("base64 test vector of 32 bytes", Convert.ToBase64String(Bytes(r, 32)), null),
            new("base64 test vector of 64 bytes", Convert.ToBase64String(Bytes(r, 64)), null),
            new("regex that describes an OpenAI key", "sk-" + "proj-[A-Za-z0-9_-]{74}" + FakeKeys.OpenAIMarker + "[A-Za-z0-9_-]{74}", null),
            new("regex that describes a GitHub token", "gh" + "p_[A-Za-z0-9]{36}", null),
            new("regex that describes an AWS key id", "AK" + "IA[0-9A-Z]{16}", null),
            new("Mistral-shaped value without context", R(r, Alphanumeric, 32), null),
            new("Cohere-shaped value without context", R(r, Alphanumeric, 40), null),
            new("Telegram-shaped value without context", R(r, Digits, 9) + ":A" + R(r, Base64Url, 34), null),
            new("Twilio auth token without context", R(r, Hex, 32), null),
            new("DeepSeek-shaped key without context", "sk" + "-" + R(r, Hex, 32), null),
            new("Stripe publishable key", "pk" + "_live_" + R(r, Alphanumeric, 40), null),
            new("Langfuse public key", "pk-" + "lf-" + Guid(r), null),
            new("Slack token placeholder", "xo" + "xb-your-bot-token-here", null),
            new("connection string with an empty password", "Server=db;Database=app;User ID=sa;Pass" + "word=;", null),
            new("connection string with a variable password", "Server=db;Database=app;User ID=sa;Pass" + "word=${DB_PASSWORD};", null),
            new("connection string with a format hole", "Server=db;Database=app;User ID=sa;Pass" + "word={0};", null),
            new("connection string with a placeholder password", "Server=db;Database=app;User ID=sa;Pass" + "word=<your-password>;", null),
            new("connection string with a placeholder account key", "DefaultEndpointsProtocol=https;AccountName=x;Account" + "Key=<account-key>;", null),
            new("URL without credentials", "https://api.openai.com/v1/chat/completions", null),
            new("URL with a user but no password", "postgres://app@db.internal:5432/app", null),
            new("URL with a variable password", "https://user:${PASSWORD}@host.internal", null),
            new("URL with a placeholder password", "redis://:password@localhost:6379", null),
            new("URL with the user as password", "amqp://guest:guest@localhost:5672", null),
            new("PEM public key", "-----BEGIN " + "PUBLIC KEY-----\n" + Lines(Bytes(r, 294), "\n") + "-----END PUBLIC KEY-----", null),
            new("PEM certificate", "-----BEGIN " + "CERTIFICATE-----\n" + Lines(Bytes(r, 600), "\n") + "-----END CERTIFICATE-----", null),
            new("PEM private key with an elided body", "-----BEGIN " + "PRIVATE" + " KEY-----\nMIIE...\n-----END " + "PRIVATE" + " KEY-----", null),
            new("PEM private key header alone", "-----BEGIN " + "RSA PRIVATE" + " KEY-----", null),
            new("prose about keys", "Set the sk-... key in GROQ_API_KEY; the task-runner's disk-space check asks for xoxb- tokens.", null),
        };
        return list;
    }

    /// <summary>A look-alike value, why it must stay quiet, and the context hint to scan it with.</summary>
    public sealed record LookAlike(string Reason, string Text, string? Context);

    public static string AzuriteKey => "Eby8vdM02xNOcqFlqUwJPLlm" + "EtlCDXJ1OUzFT50uSRZ6IFsu" + "Fq2UVErCz4I6tq/K1SZFPTOtr/" + "KBHBeksoGMGw==";

    public static string CosmosEmulatorKey => "C2y6yDjf5/R+ob0N8A7Cgv30" + "VRDJIWEHLM+4QDU5DE2nQ9nD" + "uVTqobD4b8mGGyPMbIZnqyMs" + "EcaGQy67XIw/Jw==";

    /// <summary><paramref name="count"/> characters from <paramref name="alphabet"/>.</summary>
    public static string R(Random random, string alphabet, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>Prefix + 30 random base62 + 6-character base62 CRC-32 of the random part (GitHub and npm).</summary>
    public static string GitHub(Random random, string prefix)
    {
        var body = R(random, Alphanumeric, 30);
        return prefix + body + Base62Checksum(Crc32(body));
    }

    /// <summary>A Microsoft identifiable key of <paramref name="byteLength"/> bytes with a valid Marvin32 checksum.</summary>
    public static string Identifiable(Random random, int byteLength, string signature, string seed)
    {
        // Random characters up to the signature, the signature, then zero bits up to the checksum.
        var signatureOffset = byteLength == 64 ? 76 : 33;
        var prefix = R(random, Base64, signatureOffset) + signature;
        var bytes = new byte[byteLength];
        var bits = 0UL;
        var bitCount = 0;
        var written = 0;
        foreach (var c in prefix)
        {
            bits = bits << 6 | (uint)Base64.IndexOf(c);
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                bytes[written++] = (byte)(bits >> bitCount);
            }
        }

        if (bitCount > 0)
        {
            bytes[written] = (byte)(bits << (8 - bitCount)); // the bits after the signature stay zero
        }

        var checksum = Marvin32(bytes, byteLength - 4, seed);
        bytes[byteLength - 4] = (byte)checksum;
        bytes[byteLength - 3] = (byte)(checksum >> 8);
        bytes[byteLength - 2] = (byte)(checksum >> 16);
        bytes[byteLength - 1] = (byte)(checksum >> 24);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Changes one character in [start, start + count) to another character of the same kind.</summary>
    public static string BreakChar(Random random, string value, int start, int count)
    {
        var index = start + random.Next(count);
        var alphabet = Base64.Contains(value[index]) ? Alphanumeric : Hex;
        char replacement;
        do
        {
            replacement = alphabet[random.Next(alphabet.Length)];
        }
        while (replacement == value[index]);
        return value.Substring(0, index) + replacement + value.Substring(index + 1);
    }

    public static uint Crc32(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc ^= (byte)c;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static string Base62Checksum(uint value)
    {
        var chars = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            chars[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return new string(chars);
    }

    /// <summary>Marvin32 of the first <paramref name="count"/> bytes with an 8-character ASCII seed.</summary>
    public static uint Marvin32(byte[] data, int count, string seed)
    {
        var seedValue = seed.Aggregate(0UL, (s, c) => s << 8 | c);
        uint lo = (uint)seedValue, hi = (uint)(seedValue >> 32);
        var padded = new byte[(count / 4 + 1) * 4];
        Array.Copy(data, padded, count);
        padded[count] = 0x80;
        for (var i = 0; i < padded.Length; i += 4)
        {
            lo += BitConverter.ToUInt32(padded, i);
            Round(ref lo, ref hi);
        }

        Round(ref lo, ref hi);
        return lo ^ hi;

        static void Round(ref uint a, ref uint b)
        {
            b ^= a; a = a << 20 | a >> 12;
            a += b; b = b << 9 | b >> 23;
            b ^= a; a = a << 27 | a >> 5;
            a += b; b = b << 19 | b >> 13;
        }
    }

    public static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static string Guid(Random random) =>
        R(random, Hex, 8) + "-" + R(random, Hex, 4) + "-" + R(random, Hex, 4) + "-" + R(random, Hex, 4) + "-" + R(random, Hex, 12);

    private static string Cycle(string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(i => alphabet[i % alphabet.Length]).ToArray());

    /// <summary>A PEM private key; half of them in one line with <c>\n</c> escapes, as in JSON and .env files.</summary>
    private static string Pem(Random random, string kind, string suffix = "")
    {
        var newline = random.Next(2) == 0 ? "\n" : "\\n";
        var label = kind + "PRIVATE" + " KEY" + suffix;
        var headers = kind == "RSA " && random.Next(3) == 0 ? "Proc-Type: 4,ENCRYPTED" + newline + "DEK-Info: AES-128-CBC," + R(random, "0123456789ABCDEF", 32) + newline + newline : string.Empty;
        return "-----BEGIN " + label + "-----" + newline + headers + Lines(Bytes(random, random.Next(120, 1200)), newline) + "-----END " + label + "-----";
    }

    private static string Lines(byte[] bytes, string newline)
    {
        var base64 = Convert.ToBase64String(bytes);
        var builder = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 64)
        {
            builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append(newline);
        }

        return builder.ToString();
    }

    private static string ServiceAccountJson(Random random)
    {
        var key = Pem(random, string.Empty).Replace("\n", "\\n");
        return "{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + R(random, Lower, 8) + "\",\n  \"private_key_id\": \"" + R(random, Hex, 40)
            + "\",\n  \"private_key\": \"" + key + "\\n\",\n  \"client_email\": \"svc@" + R(random, Lower, 8) + ".iam.gserviceaccount.com\"\n}";
    }

    private static string Jwt(Random random, string payloadJson, string signature)
    {
        var header = Base64UrlText(Pick(random, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"RS256\",\"kid\":\"" + R(random, Alphanumeric, 8) + "\"}"));
        return header + "." + Base64UrlText(payloadJson) + "." + signature;
    }

    private static string Base64UrlText(string text) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
