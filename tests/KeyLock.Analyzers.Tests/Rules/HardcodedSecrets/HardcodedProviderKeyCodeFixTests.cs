using KeyLock.Testing;
using static KeyLock.Analyzers.Tests.Helpers.KL1001Verifier;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

public sealed class HardcodedProviderKeyCodeFixTests
{
    private const string ReadApiKey =
        "Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\") ?? throw new InvalidOperationException(\"Set the OPENAI_API_KEY environment variable.\")";

    private static readonly string Key = FakeKeys.OpenAIProject();

    // Where the key is not a whole replaceable value, or C# demands a constant that cannot be lifted.
    private static readonly Dictionary<string, string> NoFixSources = new()
    {
        ["comment"] = $$"""class C { /* {|KL1001:{{Key}}|} */ }""",
        ["interpolation"] = $$"""class C { string M(int n) => $"{|KL1001:{{Key}}|}{n}"; }""",
        ["UTF-8 literal"] = $$"""class C { System.ReadOnlySpan<byte> K => "{|KL1001:{{Key}}|}"u8; }""",
        ["inside a longer string"] = $$"""class C { string h = "Bearer {|KL1001:{{Key}}|}"; }""",
        ["attribute argument"] = $$"""[System.Obsolete("{|KL1001:{{Key}}|}")] class C { }""",
        ["parameter default"] = $$"""class C { void M(string k = "{|KL1001:{{Key}}|}") { } }""",
        ["case label"] = $$"""class C { int M(string k) { switch (k) { case "{|KL1001:{{Key}}|}": return 1; default: return 0; } } }""",
        ["pattern"] = $$"""class C { bool M(string k) => k is "{|KL1001:{{Key}}|}"; }""",
        ["const with two variables"] = $$"""class C { const string A = "{|KL1001:{{Key}}|}", B = "b"; }""",
    };

    [Fact]
    public Task LocalVariable_ReadsTheEnvironmentVariable() => VerifyCodeFixAsync(
        $$"""
        using System;

        class C
        {
            void M()
            {
                var apiKey = "{|KL1001:{{Key}}|}";
            }
        }
        """,
        $$"""
        using System;

        class C
        {
            void M()
            {
                var apiKey = {{ReadApiKey}};
            }
        }
        """);

    [Fact]
    public Task WithoutUsingSystem_KeepsTheNamespace() => VerifyCodeFixAsync(
        $$"""
        class C
        {
            string apiKey = "{|KL1001:{{Key}}|}";
        }
        """,
        """
        class C
        {
            string apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new System.InvalidOperationException("Set the OPENAI_API_KEY environment variable.");
        }
        """);

    [Fact]
    public Task VerbatimArgument_IsReplaced() => VerifyCodeFixAsync(
        $$"""
        using System;

        class Client { public Client(string key) { } }

        class C
        {
            Client client = new Client(@"{|KL1001:{{Key}}|}");
        }
        """,
        $$"""
        using System;

        class Client { public Client(string key) { } }

        class C
        {
            Client client = new Client({{ReadApiKey}});
        }
        """);

    [Fact]
    public Task Operand_IsParenthesized() => VerifyCodeFixAsync(
        $$"""
        using System;

        class C
        {
            string header = "Bearer " + "{|KL1001:{{Key}}|}";
        }
        """,
        $$"""
        using System;

        class C
        {
            string header = "Bearer " + ({{ReadApiKey}});
        }
        """);

    [Fact]
    public Task ConstField_BecomesStaticReadonly() => VerifyCodeFixAsync(
        $$"""
        using System;

        class C
        {
            private const string ApiKey = "{|KL1001:{{Key}}|}";
        }
        """,
        $$"""
        using System;

        class C
        {
            private static readonly string ApiKey = {{ReadApiKey}};
        }
        """);

    [Fact]
    public Task ConstLocal_BecomesAVariable() => VerifyCodeFixAsync(
        $$"""
        using System;

        class C
        {
            string M()
            {
                const string apiKey = "{|KL1001:{{Key}}|}";
                return apiKey;
            }
        }
        """,
        $$"""
        using System;

        class C
        {
            string M()
            {
                string apiKey = {{ReadApiKey}};
                return apiKey;
            }
        }
        """);

    [Fact]
    public Task AdminKey_UsesTheAdminVariable() => VerifyCodeFixAsync(
        $$"""
        using System;

        class C
        {
            string adminKey = "{|KL1001:{{FakeKeys.OpenAIAdmin()}}|}";
        }
        """,
        """
        using System;

        class C
        {
            string adminKey = Environment.GetEnvironmentVariable("OPENAI_ADMIN_KEY") ?? throw new InvalidOperationException("Set the OPENAI_ADMIN_KEY environment variable.");
        }
        """);

    [Fact]
    public Task FixAll_ReplacesEveryKeyInOnePass() => VerifyCodeFixAsync(
        $$"""
        using System;

        class C
        {
            string a = "{|KL1001:{{Key}}|}";
            string b = @"{|KL1001:{{FakeKeys.OpenAILegacy()}}|}";
            string c = "{|KL1001:{{FakeKeys.OpenAIAdmin()}}|}";
        }
        """,
        $$"""
        using System;

        class C
        {
            string a = {{ReadApiKey}};
            string b = {{ReadApiKey}};
            string c = Environment.GetEnvironmentVariable("OPENAI_ADMIN_KEY") ?? throw new InvalidOperationException("Set the OPENAI_ADMIN_KEY environment variable.");
        }
        """,
        test =>
        {
            test.NumberOfFixAllIterations = 1;
            test.NumberOfFixAllInDocumentIterations = 1;
        });

    public static TheoryData<string> NoFixPlaces() => new(NoFixSources.Keys);

    [Theory]
    [MemberData(nameof(NoFixPlaces))]
    public Task NoFixOffered(string place) => VerifyCodeFixAsync(NoFixSources[place], NoFixSources[place]);
}
