using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// Runs one analyzer (the secret-handling or the egress analyzer) over markup sources against the .NET 8 reference
/// assemblies, with <see cref="Stubs"/> standing in for the logging, configuration, DotNetEnv and OpenAI
/// packages (the analyzers match those types by metadata name).
/// </summary>
internal static class SecretHandlingVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig: null, expected);

    /// <param name="editorConfig">Lines for the <c>[*.cs]</c> section of an <c>.editorconfig</c>, or null for none.</param>
    public static Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected) =>
        CreateTest(source, editorConfig, expected).RunAsync();

    /// <summary>The test <see cref="VerifyAsync(string, string?, DiagnosticResult[])"/> runs, for a caller that sets more options first.</summary>
    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> CreateTest(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.Sources.Add(("/0/Stubs.cs", Stubs.Source));
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    /// <summary>
    /// A diagnostic of a single-rule analyzer (the egress analyzer) at markup location <c>{|#n:…|}</c>, with its message
    /// arguments; <see cref="FlowRuleVerifier{TRule}"/> names the rule for the five flow rules.
    /// </summary>
    public static DiagnosticResult Diagnostic(int location, params object[] arguments) =>
        new DiagnosticResult(new TAnalyzer().SupportedDiagnostics[0]).WithLocation(location).WithArguments(arguments);
}

/// <summary>Just enough of Microsoft.Extensions.Logging/Configuration, DotNetEnv and OpenAI for the tests to compile.</summary>
internal static class Stubs
{
    public const string Source = """
        namespace Microsoft.Extensions.Logging
        {
            public enum LogLevel { Information }
            public interface ILogger { }
            public interface ILogger<out T> : ILogger { }
            public static class LoggerExtensions
            {
                public static void LogInformation(this ILogger logger, string message, params object[] args) { }
                public static void LogWarning(this ILogger logger, string message, params object[] args) { }
                public static void LogError(this ILogger logger, System.Exception exception, string message, params object[] args) { }
                public static System.IDisposable BeginScope(this ILogger logger, string messageFormat, params object[] args) => null;
            }
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class LoggerMessageAttribute : System.Attribute
            {
                public LoggerMessageAttribute(int eventId, LogLevel level, string message) { }
            }
        }

        namespace Microsoft.Extensions.Configuration
        {
            using System.Collections.Generic;
            public interface IConfiguration
            {
                string this[string key] { get; set; }
                IConfigurationSection GetSection(string key);
            }
            public interface IConfigurationSection : IConfiguration
            {
                string Key { get; }
                string Value { get; set; }
            }
            public interface IConfigurationRoot : IConfiguration { }
            public static class ConfigurationExtensions
            {
                public static IEnumerable<KeyValuePair<string, string>> AsEnumerable(this IConfiguration configuration) => null;
            }
            public static class ConfigurationBinder
            {
                public static T GetValue<T>(this IConfiguration configuration, string key) => default;
            }
        }

        namespace DotNetEnv
        {
            using System.Collections.Generic;
            public static class Env
            {
                public static IEnumerable<KeyValuePair<string, string>> Load(string path = null, LoadOptions options = null) => null;
                public static IEnumerable<KeyValuePair<string, string>> LoadContents(string contents, LoadOptions options = null) => null;
                public static LoadOptions TraversePath() => new LoadOptions();
                public static LoadOptions NoClobber() => new LoadOptions();
            }
            public sealed class LoadOptions
            {
                public LoadOptions NoClobber() => this;
                public IEnumerable<KeyValuePair<string, string>> Load(string path = null) => null;
            }
        }

        namespace OpenAI
        {
            public class OpenAIClientOptions
            {
                public System.Uri Endpoint { get; set; }
            }
        }
        """;
}
