using KeyLock.Testing;
using static KeyLock.Analyzers.Tests.Helpers.HardcodedSecretsVerifier;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>Every place a key-holding literal can stand, with all KL1xxx analyzers running: one finding each, at the key.</summary>
public sealed class HardcodedSecretFormsTests
{
    private static readonly string Key = FakeKeys.OpenAIProject();

    [Fact]
    public Task FieldsInitializersAndBranches_OneDiagnosticEach() => VerifyAsync($$"""
        using System.Collections.Generic;

        class C
        {
            static readonly string Static = "{|KL1001:{{Key}}|}";
            List<string> list = new() { "{|KL1001:{{Key}}|}" };
            string[] array = { "{|KL1001:{{Key}}|}" };
            Dictionary<string, string> byIndex = new() { ["OpenAI:ApiKey"] = "{|KL1001:{{Key}}|}" };
            Dictionary<string, string> byAdd = new() { { "OpenAI:ApiKey", "{|KL1001:{{Key}}|}" } };
            object anonymous = new { ApiKey = "{|KL1001:{{Key}}|}" };

            string Pick(bool production) => production ? "{|KL1001:{{Key}}|}" : "none";
            string Fallback() => System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "{|KL1001:{{Key}}|}";
        }
        """);

    [Fact]
    public Task TestDataAttributes_Diagnostic() => VerifyAsync($$"""
        using System;

        [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
        class InlineDataAttribute : Attribute
        {
            public InlineDataAttribute(params object[] data) { }
        }

        class Tests
        {
            [InlineData("{|KL1001:{{Key}}|}", 1)]
            [InlineData({|KL1001:"{{Key[..12]}}" + "{{Key[12..]}}"|}, 2)]
            public void M(string key, int n) { }
        }
        """);
}
