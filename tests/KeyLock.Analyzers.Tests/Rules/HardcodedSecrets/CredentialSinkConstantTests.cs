using KeyLock.Analyzers.Tests.Helpers;
using static KeyLock.Analyzers.Tests.Helpers.HardcodedSecretsVerifier;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>
/// KL1004 starts from values, not sinks: these are the values that reach a sink without a literal at the sink, a
/// const whose name does not say "secret" (reported where it is used) and a value folded from short pieces.
/// </summary>
public sealed class CredentialSinkConstantTests
{
    private static readonly string Secret = RandomSecrets.Alphanumeric32();
    private static readonly string Redacted = RandomSecrets.Redacted(Secret);

    [Fact]
    public Task ConstFieldInAnotherFile_IsReportedWhereItGoesIntoASink() => VerifyAsync(
        new[]
        {
            $$"""
            using static Defaults;

            class C
            {
                void M()
                {
                    var a = new OpenAI.OpenAIClient({|#0:Defaults.Value|});
                    var b = new System.ClientModel.ApiKeyCredential({|#1:Value|});
                    var c = new System.ClientModel.ApiKeyCredential(global::Defaults.Value.Substring(1));
                    var d = nameof(Defaults.Value);
                }
            }
            """,
            $$"""
            static class Defaults
            {
                public const string Value = "{{Secret}}";
            }
            """,
            SdkStubs,
        },
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(0),
        KL1004("Credential", "ApiKeyCredential", Redacted, "API_KEY").WithLocation(1));

    [Fact]
    public Task ConstFieldBuiltFromOtherConsts_IsJudgedAtItsUse() => VerifyWithStubsAsync(
        $$"""
        class C
        {
            const string Head = "{{Secret[..8]}}";
            const string Whole = Head + "{{Secret[8..]}}";
            const string Message = Head + " is not a key";

            void M()
            {
                var a = new OpenAI.OpenAIClient({|#0:Whole|});
                var b = new OpenAI.OpenAIClient(Message);
            }
        }
        """,
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(0));

    [Fact]
    public Task ConstLocal_IsReportedWhereItGoesIntoASink() => VerifyWithStubsAsync(
        $$"""
        class C
        {
            void M(int mode)
            {
                const string value = "{{Secret}}";
                var client = new OpenAI.OpenAIClient({|#0:value|});
                var text = value.Length;
                switch (mode)
                {
                    case 1:
                        const string other = "{{Secret}}";
                        var second = new OpenAI.OpenAIClient({|#1:other|});
                        break;
                }
            }
        }
        """,
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(0),
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(1));

    [Fact]
    public Task ValuesFoldedFromShortPieces_AreReportedOnceAsAWhole() => VerifyWithStubsAsync(
        $$"""
        class C
        {
            const string Start = "{{Secret[..6]}}";

            void M()
            {
                var apiKey = {|#0:"{{Secret[..4]}}" + "{{Secret[4..8]}}" + "{{Secret[8..]}}"|};
                var client = new OpenAI.OpenAIClient({|#1:Start + "{{Secret[6..]}}"|});
            }
        }
        """,
        KL1004("Variable", "apiKey", Redacted, "API_KEY").WithLocation(0),
        KL1004("Parameter", "apiKey", Redacted, "OPENAI_API_KEY").WithLocation(1));

    [Fact]
    public Task StringBecomingACredential_IsReportedWhereverTheConversionHappens() => VerifyWithStubsAsync(
        $$"""
        using System.ClientModel;

        class C
        {
            ApiKeyCredential Returned() => {|#0:"{{Secret}}"|};

            ApiKeyCredential[] Listed() => new ApiKeyCredential[] { {|#1:"{{Secret}}"|} };

            System.Func<ApiKeyCredential> Deferred() => () => {|#2:"{{Secret}}"|};
        }
        """,
        KL1004("Credential", "ApiKeyCredential", Redacted, "API_KEY").WithLocation(0),
        KL1004("Credential", "ApiKeyCredential", Redacted, "API_KEY").WithLocation(1),
        KL1004("Credential", "ApiKeyCredential", Redacted, "API_KEY").WithLocation(2));

    [Fact]
    public Task AuthorizationValue_WithSpacesAroundTheToken_IsReported() => VerifyAsync(
        $$"""
        using System.Net.Http;

        class C
        {
            void M(HttpClient http)
            {
                http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", {|#0:"Bearer  {{Secret}} "|});
            }
        }
        """,
        KL1004("Header", "Authorization", Redacted, "API_TOKEN").WithLocation(0));

    [Fact]
    public Task ConstsThatDoNotLookSecret_AndUsesOutsideSinks_StayQuiet() => VerifyWithStubsAsync(
        $$"""
        class C
        {
            const string ServiceName = "Microsoft.SemanticKernel.Connectors.OpenAI";
            const string Value = "{{Secret}}";

            string M()
            {
                var client = new OpenAI.OpenAIClient(ServiceName);
                System.Console.WriteLine(Value);
                return Value + "/suffix";
            }
        }
        """);
}
