using KeyLock.Analyzers.Rules.Egress;
using KeyLock.Analyzers.Rules.SecretHandling;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// The secret-handling and egress rules match well-known types by namespace and name, not by a symbol resolved
/// per compilation. A user type with the same simple name in another namespace must not match; a type deriving
/// from or implementing the known one must match as before.
/// </summary>
public sealed class LookAlikeTypeTests
{
    private const string LookAlikes = """
        namespace MyApp
        {
            public static class Environment
            {
                public static string GetEnvironmentVariable(string name) => name;
                public static System.Collections.IDictionary GetEnvironmentVariables() => null;
                public static void SetEnvironmentVariable(string name, string value) { }
            }
            public static class Console { public static void WriteLine(string value) { } }
            public class Exception { public Exception(string message) { } }
            public interface IConfiguration { string this[string key] { get; } }
            public sealed class ProcessStartInfo
            {
                public System.Collections.Generic.IDictionary<string, string> Environment { get; } = null;
            }
            public static class Env { public static void Load() { } }
            public sealed class Uri { public Uri(string text) { } }
        }

        namespace DotNetEnv.Nested
        {
            public static class Env { public static void Load() { } }
        }

        """;

    [Fact]
    public Task SecretLeaked_LookAlikeSourceAndSinks_NoDiagnostic() => FlowRuleVerifier<SecretLeakedRule>.VerifyAsync(LookAlikes + """
        class C
        {
            void M(MyApp.IConfiguration configuration, Microsoft.Extensions.Configuration.IConfiguration real)
            {
                MyApp.Console.WriteLine(MyApp.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                MyApp.Console.WriteLine(configuration["OpenAI:ApiKey"]);
                MyApp.Console.WriteLine(real["OpenAI:ApiKey"]);
                _ = new MyApp.Exception(real["Groq:ApiKey"]);
            }
        }
        """);

    [Fact]
    public Task SecretLeaked_DerivedException_DerivedConfiguration_Diagnostic() => FlowRuleVerifier<SecretLeakedRule>.VerifyAsync(LookAlikes + """
        class KeyRejectedException : System.InvalidOperationException
        {
            public KeyRejectedException(string message) : base(message) { }
        }

        class C
        {
            void M(Microsoft.Extensions.Configuration.IConfigurationRoot root)
            {
                var key = root["OpenAI:ApiKey"];
                throw new KeyRejectedException({|#0:"rejected: " + key|});
            }
        }
        """,
        FlowRuleVerifier<SecretLeakedRule>.Diagnostic(0, "OpenAI:ApiKey", "an exception", "new KeyRejectedException"));

    [Fact]
    public Task WholeEnvironmentExposed_DerivedWriter_Diagnostic() => FlowRuleVerifier<WholeEnvironmentExposedRule>.VerifyAsync(LookAlikes + """
        class AuditWriter : System.IO.StringWriter
        {
            public void WriteEntry(object value) { }
        }

        class C
        {
            void M(AuditWriter writer)
            {
                foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                {
                    writer.WriteEntry({|#0:entry.Value|});
                    MyApp.Console.WriteLine((string)entry.Value);
                }
            }
        }
        """,
        FlowRuleVerifier<WholeEnvironmentExposedRule>.Diagnostic(0, "Environment.GetEnvironmentVariables()", "a file or stream", "AuditWriter.WriteEntry"));

    [Fact]
    public Task SecretInProcessEnvironment_LookAlikeEnvironment_NoDiagnostic() => FlowRuleVerifier<SecretInProcessEnvironmentRule>.VerifyAsync(LookAlikes + """
        class C
        {
            void M() => MyApp.Environment.SetEnvironmentVariable("OPENAI_API_KEY", "value");
        }
        """);

    [Fact]
    public Task WholeEnvironmentToChildProcess_LookAlikes_NoDiagnostic() => FlowRuleVerifier<WholeEnvironmentToChildProcessRule>.VerifyAsync(LookAlikes + """
        class C
        {
            void M(MyApp.ProcessStartInfo psi, System.Diagnostics.ProcessStartInfo real)
            {
                foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                {
                    psi.Environment[(string)entry.Key] = (string)entry.Value;
                }

                foreach (System.Collections.DictionaryEntry entry in MyApp.Environment.GetEnvironmentVariables())
                {
                    real.Environment[(string)entry.Key] = (string)entry.Value;
                }
            }
        }
        """);

    [Fact]
    public Task SecretsInOneBlob_LookAlikeLoaders_NoDiagnostic() => FlowRuleVerifier<SecretsInOneBlobRule>.VerifyAsync(LookAlikes + """
        class C
        {
            void M()
            {
                MyApp.Env.Load();
                DotNetEnv.Nested.Env.Load();
                {|#0:DotNetEnv.Env.Load()|};
            }
        }
        """,
        FlowRuleVerifier<SecretsInOneBlobRule>.Diagnostic(0, "'Env.Load' loads every entry of a .env file into the process environment"));

    [Fact]
    public Task Egress_LookAlikeUri_NoDiagnostic() => SecretHandlingVerifier<EgressNotAllowlistedAnalyzer>.VerifyAsync(
        LookAlikes + """
        class C
        {
            object Mine = new MyApp.Uri("https://collector.example.net/v1/");
            object Real = new System.Uri({|#0:"https://collector.example.net/v1/"|});
        }
        """,
        "keylock.egress_allow = api.openai.com",
        SecretHandlingVerifier<EgressNotAllowlistedAnalyzer>.Diagnostic(0, "collector.example.net"));
}
