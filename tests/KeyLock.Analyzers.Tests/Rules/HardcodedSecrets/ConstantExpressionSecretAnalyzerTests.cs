using System.Text;
using KeyLock.Testing;
using static KeyLock.Analyzers.Tests.Helpers.HardcodedSecretsVerifier;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>Keys that no single literal holds: folded constants and char arrays, reported once at the whole expression.</summary>
public sealed class ConstantExpressionSecretAnalyzerTests
{
    private static readonly string Key = FakeKeys.OpenAIProject();
    private static readonly string Head = Key[..20];
    private static readonly string Tail = Key[20..];

    [Fact]
    public Task TwoLiterals_ReportedOnceAtTheConcatenation() => VerifyAsync($$"""
        class C
        {
            string apiKey = {|KL1001:"{{Head}}" + "{{Tail}}"|};
        }
        """);

    [Fact]
    public Task ManyPieces_ReportedOnceAtTheOutermostExpression() => VerifyAsync($$"""
        class C
        {
            const string apiKey = {|KL1001:"{{Key[..8]}}" + "{{Key[8..40]}}" + ("{{Key[40..90]}}" + "{{Key[90..]}}")|};
        }
        """);

    [Fact]
    public Task ConstFieldsAndLocals_AreFolded() => VerifyAsync($$"""
        class C
        {
            const string Prefix = "{{Head}}";
            const string Rest = "{{Tail}}";

            string M()
            {
                const string local = Rest;
                return {|KL1001:Prefix + local|};
            }
        }
        """);

    [Fact]
    public Task ConstantInterpolatedString_IsFolded() => VerifyAsync($$"""
        class C
        {
            const string Prefix = "{{Head}}";
            const string Rest = "{{Tail}}";
            const string ApiKey = {|KL1001:$"{Prefix}{Rest}"|};
        }
        """);

    [Fact]
    public Task KeyWhollyInsideOnePiece_ReportedOnlyAtThatLiteral() => VerifyAsync($$"""
        class C
        {
            const string Header = "Bearer " + "{|KL1001:{{Key}}|}" + "\r\n";
        }
        """);

    [Fact]
    public Task ConcatenationInAttributeAndParameterDefault_Diagnostic() => VerifyAsync($$"""
        using System.ComponentModel;

        class C
        {
            [DefaultValue({|KL1001:"{{Head}}" + "{{Tail}}"|})]
            public string Key { get; set; } = "";

            void M(string key = {|KL1001:"{{Head}}" + "{{Tail}}"|}) { }
        }
        """);

    [Fact]
    public Task NonConstantConcatenation_NoDiagnostic() => VerifyAsync($$"""
        class C
        {
            string M(string middle) => "{{Head}}" + middle + "{{Tail}}";
        }
        """);

    [Fact]
    public Task CharArrays_AreJoinedAndScanned() => VerifyAsync($$"""
        class C
        {
            char[] a = {|KL1001:new[] { {{Chars(Key)}} }|};
            char[] b = {|KL1001:new char[] { {{Chars(Key)}} }|};
            static readonly char[] c = {|KL1001:{ {{Chars(Key)}} }|};
            char[] d = {|KL1001:[{{Chars(Key)}}]|};
            string e = new string({|KL1001:new[] { {{Chars(Key)}} }|});
        }
        """);

    [Fact]
    public Task ShortOrNonConstantCharArrays_NoDiagnostic() => VerifyAsync($$"""
        class C
        {
            char[] separators = new[] { ',', ';', ' ' };
            char[] M(char x) => new[] { {{Chars(Key[..40])}}, x };
        }
        """);

    [Fact]
    public Task TenThousandConcatenations_NoCrash()
    {
        var pieces = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            pieces.Append(i == 0 ? string.Empty : " + ").Append("\"a\"");
        }

        return VerifyAsync($$"""
            class C
            {
                const string Long = {{pieces}};
                string M(string s) => {{pieces}} + s;
            }
            """);
    }

    private static string Chars(string text) => string.Join(", ", text.Select(c => $"'{c}'"));
}
