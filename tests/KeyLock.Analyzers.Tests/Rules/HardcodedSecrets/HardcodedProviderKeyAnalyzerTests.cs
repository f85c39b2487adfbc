using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Secrets;
using KeyLock.Testing;
using static KeyLock.Analyzers.Tests.Helpers.KL1001Verifier;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

public sealed class HardcodedProviderKeyAnalyzerTests
{
    private static readonly string Key = FakeKeys.OpenAIProject();

    // Test names carry the kind, never the key, so test logs stay free of key-shaped text.
    private static readonly Dictionary<string, (string Key, string Label, string Variable)> KeysByKind = new()
    {
        ["project"] = (FakeKeys.OpenAIProject(), "project API key", "OPENAI_API_KEY"),
        ["project, 58-character halves"] = (FakeKeys.OpenAIProjectShortHalves(), "project API key", "OPENAI_API_KEY"),
        ["service account"] = (FakeKeys.OpenAIServiceAccount(), "service account key", "OPENAI_API_KEY"),
        ["service account, sk-service- prefix"] = (FakeKeys.OpenAIServiceAlias(), "service account key", "OPENAI_API_KEY"),
        ["admin"] = (FakeKeys.OpenAIAdmin(), "admin key", "OPENAI_ADMIN_KEY"),
        ["legacy user"] = (FakeKeys.OpenAILegacy(), "user API key", "OPENAI_API_KEY"),
        ["no project"] = (FakeKeys.OpenAINoProject(), "API key", "OPENAI_API_KEY"),
    };

    [Fact]
    public Task RegularLiteral_Diagnostic() => VerifyAnalyzerAsync($$"""
        class C
        {
            string apiKey = "{|KL1001:{{Key}}|}";
        }
        """);

    [Fact]
    public Task VerbatimLiteral_Diagnostic() => VerifyAnalyzerAsync($$"""
        class C
        {
            string apiKey = @"{|KL1001:{{Key}}|}";
        }
        """);

    [Fact]
    public Task SingleLineRawLiteral_Diagnostic() => VerifyAnalyzerAsync($$""""
        class C
        {
            string apiKey = """{|KL1001:{{Key}}|}""";
        }
        """");

    [Fact]
    public Task MultiLineRawLiteral_PointsAtTheLineHoldingTheKey() => VerifyAnalyzerAsync($$""""
        class C
        {
            string settings = """
                {
                  "OpenAI": { "ApiKey": "{|KL1001:{{Key}}|}" }
                }
                """;
        }
        """");

    [Fact]
    public Task InterpolatedText_Diagnostic() => VerifyAnalyzerAsync($$"""
        class C
        {
            string Header(string user) => $"Bearer {|KL1001:{{Key}}|} for {user}";
        }
        """);

    // A single '$' in the source: a double one is a caret marker in the test markup.
    [Fact]
    public Task InterpolatedRawText_Diagnostic() => VerifyAnalyzerAsync($$""""
        class C
        {
            string Text(int n) => $"""
                n = {n}, key = "{|KL1001:{{Key}}|}"
                """;
        }
        """");

    [Fact]
    public Task Utf8Literal_Diagnostic() => VerifyAnalyzerAsync($$"""
        class C
        {
            System.ReadOnlySpan<byte> ApiKey => "{|KL1001:{{Key}}|}"u8;
        }
        """);

    [Fact]
    public Task KeyInsideLongerText_PointsAtTheKeyOnly() => VerifyAnalyzerAsync($$"""
        class C
        {
            string header = "Authorization: Bearer {|KL1001:{{Key}}|}\r\n";
        }
        """);

    [Fact]
    public Task TwoKeysInOneLiteral_TwoDiagnostics() => VerifyAnalyzerAsync($$"""
        class C
        {
            string keys = "{|KL1001:{{Key}}|},{|KL1001:{{FakeKeys.OpenAIAdmin()}}|}";
        }
        """);

    [Fact]
    public Task SameKeyTwiceAfterAnEscape_EachOccurrenceIsLocated() => VerifyAnalyzerAsync($$"""
        class C
        {
            string keys = "\t{|KL1001:{{Key}}|}\n\"{|KL1001:{{Key}}|}\"";
        }
        """);

    [Fact]
    public Task EscapeInsideTheKey_FallsBackToTheWholeLiteral()
    {
        var escaped = Key.Substring(0, 10) + $"\\u{(int)Key[10]:X4}" + Key.Substring(11);

        return VerifyAnalyzerAsync($$"""
            class C
            {
                string apiKey = {|KL1001:"{{escaped}}"|};
            }
            """);
    }

    [Fact]
    public Task ConstantContexts_Diagnostic() => VerifyAnalyzerAsync($$"""
        using System.ComponentModel;

        class C
        {
            const string ApiKey = "{|KL1001:{{Key}}|}";

            [DefaultValue("{|KL1001:{{Key}}|}")]
            public string Other { get; set; } = "";

            void M(string key = "{|KL1001:{{Key}}|}")
            {
                switch (key)
                {
                    case "{|KL1001:{{Key}}|}":
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task Comments_Diagnostic() => VerifyAnalyzerAsync($$"""
        class C
        {
            // old key: {|KL1001:{{Key}}|}
            int a;

            /* rotated
               {|KL1001:{{FakeKeys.OpenAILegacy()}}|} */
            int b;

            /// <summary>Uses {|KL1001:{{FakeKeys.OpenAIServiceAccount()}}|} in staging.</summary>
            int c;
        }
        """);

    [Fact]
    public Task SeveralKeysAroundComments_EachReportedOnce() => VerifyAnalyzerAsync($$"""
        class C
        {
            string a = "{|KL1001:{{Key}}|}"; // and {|KL1001:{{FakeKeys.OpenAIProject(seed: 11)}}|}

            // two in one line: {|KL1001:{{FakeKeys.OpenAIProject(seed: 12)}}|} {|KL1001:{{FakeKeys.OpenAIProject(seed: 13)}}|}
            /* one */ /* two: {|KL1001:{{FakeKeys.OpenAIProject(seed: 14)}}|} */
            int b;
        }
        """);

    [Fact]
    public Task DisabledCode_Diagnostic() => VerifyAnalyzerAsync($$"""
        class C
        {
        #if NEVER_DEFINED
            string apiKey = "{|KL1001:{{Key}}|}";
        #endif
        }
        """);

    [Theory]
    [InlineData("\"sk-...\"")]
    [InlineData("\"sk-proj-xxxxxxxxxxxxxxxxxxxx\"")]
    [InlineData("\"YOUR_API_KEY\"")]
    [InlineData("\"OPENAI_API_KEY\"")]
    [InlineData("\"<OPENAI_API_KEY>\"")]
    [InlineData("\"${OPENAI_API_KEY}\"")]
    [InlineData("System.Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\")")]
    public Task PlaceholdersAndVariableNames_NoDiagnostic(string expression) => VerifyAnalyzerAsync($$"""
        class C
        {
            // Set OPENAI_API_KEY, e.g. sk-proj-... from the dashboard.
            string? apiKey = {{expression}};
        }
        """);

    [Fact]
    public Task PlaceholderWithTheRightShape_NoDiagnostic()
    {
        var placeholder = "sk-" + "proj-" + new string('x', 74) + FakeKeys.OpenAIMarker + new string('x', 74);

        return VerifyAnalyzerAsync($$"""
            class C
            {
                string apiKey = "{{placeholder}}";
            }
            """);
    }

    [Fact]
    public Task GeneratedCode_NoDiagnostic() => VerifyAnalyzerAsync($$"""
        // <auto-generated/>
        class C
        {
            // {{Key}}
            string apiKey = "{{Key}}";
        }
        """);

    // The literal scan alone cannot see a split key; the folded-constant analyzer reports the whole expression.
    [Fact]
    public Task SplitByConcatenation_ReportedAtTheWholeExpression() => HardcodedSecretsVerifier.VerifyAsync($$"""
        class C
        {
            string apiKey = {|KL1001:"{{Key.Substring(0, 20)}}" + "{{Key.Substring(20)}}"|};
        }
        """);

    public static TheoryData<string> Kinds() => new(KeysByKind.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task EveryOpenAIKind_NamesProviderLabelRedactedKeyAndVariable(string kind)
    {
        var (key, label, variable) = KeysByKind[kind];
        var pattern = Assert.Single(SecretMatcher.Default.FindAll(key)).Pattern;

        return VerifyAnalyzerAsync(
            $$"""
            class C
            {
                string apiKey = "{|#0:{{key}}|}";
            }
            """,
            Diagnostic("OpenAI", label, Redactor.Redact(key, pattern), variable).WithLocation(0));
    }
}
