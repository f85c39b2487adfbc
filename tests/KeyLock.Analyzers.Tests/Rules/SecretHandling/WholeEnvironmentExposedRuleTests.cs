using KeyLock.Analyzers.Rules.SecretHandling;
using static KeyLock.Analyzers.Tests.Rules.SecretHandling.FlowRuleVerifier<KeyLock.Analyzers.Rules.SecretHandling.WholeEnvironmentExposedRule>;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

public sealed class WholeEnvironmentExposedRuleTests
{
    private const string Usings = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;

        """;

    // ---- positives -------------------------------------------------------------------------

    [Fact]
    public Task Direct_ToConsole_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M() => Console.WriteLine({|#0:Environment.GetEnvironmentVariables()|});
        }
        """,
        Diagnostic(0, "Environment.GetEnvironmentVariables()", "logging", "Console.WriteLine"));

    [Fact]
    public Task ViaLocal_Serialized_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            string M()
            {
                var env = Environment.GetEnvironmentVariables();
                IDictionary copy = env;
                return JsonSerializer.Serialize({|#0:copy|});
            }
        }
        """,
        Diagnostic(0, "Environment.GetEnvironmentVariables()", "serialization", "JsonSerializer.Serialize"));

    [Fact]
    public Task Foreach_ValueToLogger_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ILogger logger)
            {
                foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
                {
                    logger.LogInformation("{Name}={Value}", entry.Key, {|#0:entry.Value|});
                }
            }
        }
        """,
        Diagnostic(0, "Environment.GetEnvironmentVariables()", "logging", "ILogger.LogInformation"));

    [Fact]
    public Task Foreach_InterpolatedLine_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                var env = Environment.GetEnvironmentVariables();
                foreach (DictionaryEntry e in env)
                {
                    var line = $"{e.Key}={e.Value}";
                    Debug.WriteLine({|KL2001:line|});
                }
            }
        }
        """);

    [Fact]
    public Task Linq_SelectJoin_ToFile_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                var lines = Environment.GetEnvironmentVariables()
                    .Cast<DictionaryEntry>()
                    .OrderBy(e => (string)e.Key)
                    .Select(e => e.Key + "=" + e.Value);
                File.WriteAllText("env.txt", {|#0:string.Join("\n", lines)|});
            }
        }
        """,
        Diagnostic(0, "Environment.GetEnvironmentVariables()", "a file or stream", "File.WriteAllText"));

    [Fact]
    public Task HelperInTheSameMethod_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ILogger logger)
            {
                Dump(Environment.GetEnvironmentVariables());

                void Dump(IDictionary variables)
                {
                    foreach (DictionaryEntry entry in variables)
                    {
                        logger.LogWarning("env {Entry}", {|KL2001:$"{entry.Key}: {entry.Value}"|});
                    }
                }
            }
        }
        """);

    [Fact]
    public Task KeysIndexedBack_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                var env = Environment.GetEnvironmentVariables();
                foreach (string name in env.Keys)
                {
                    Trace.WriteLine({|KL2001:name + "=" + env[name]|});
                }
            }
        }
        """);

    [Fact]
    public Task ConfigurationRootAsEnumerable_Deconstructed_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration, ILogger<C> logger)
            {
                foreach (var (key, value) in configuration.AsEnumerable())
                {
                    logger.LogInformation("{Key} = {Value}", key, {|#0:value|});
                }
            }
        }
        """,
        Diagnostic(0, "IConfiguration.AsEnumerable()", "logging", "ILogger.LogInformation"));

    [Fact]
    public Task ExceptionMessageAndData_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                var env = Environment.GetEnvironmentVariables();
                var error = new InvalidOperationException({|KL2001:"Startup failed with " + JsonSerializer.Serialize({|KL2001:env|})|});
                foreach (DictionaryEntry e in env)
                {
                    error.Data[e.Key] = {|KL2001:e.Value|};
                }

                throw error;
            }
        }
        """);

    [Fact]
    public Task HttpContentAndTelemetry_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(HttpClient http, Activity activity)
            {
                var builder = new StringBuilder();
                foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
                {
                    builder.AppendLine($"{e.Key}={e.Value}");
                    activity.SetTag("env." + e.Key, {|KL2001:e.Value|});
                }

                http.PostAsync("https://example.invalid/diag", new StringContent({|KL2001:builder.ToString()|}));
            }
        }
        """);

    [Fact]
    public Task CopiedIntoDictionary_ThenSerialized_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(TextWriter writer)
            {
                var copy = new Dictionary<string, string>();
                foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
                {
                    copy[(string)e.Key] = (string)e.Value;
                }

                writer.Write({|KL2001:JsonSerializer.Serialize({|KL2001:copy|})|});
            }
        }
        """);

    // ---- compliant look-alikes ------------------------------------------------------------

    [Fact]
    public Task NamesOnly_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ILogger logger)
            {
                var env = Environment.GetEnvironmentVariables();
                foreach (DictionaryEntry e in env)
                {
                    Console.WriteLine(e.Key);
                    Console.WriteLine($"set: {e.Key}");
                }

                logger.LogInformation("Variables: {Names}", string.Join(", ", env.Keys.Cast<string>()));
                Console.WriteLine(env.Count);
                File.WriteAllLines("names.txt", env.Keys.Cast<string>().OrderBy(n => n));
            }
        }
        """);

    [Fact]
    public Task AllowlistedVariables_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            private static readonly HashSet<string> Allowed = new() { "PATH", "DOTNET_ROOT", "ASPNETCORE_ENVIRONMENT" };

            void M(ILogger logger)
            {
                var env = Environment.GetEnvironmentVariables();
                var safe = env.Cast<DictionaryEntry>().Where(e => Allowed.Contains((string)e.Key));
                foreach (var e in safe)
                {
                    logger.LogInformation("{Name}={Value}", e.Key, e.Value);
                }

                foreach (DictionaryEntry e in env)
                {
                    if (e.Key is "PATH" or "HOME")
                    {
                        Console.WriteLine($"{e.Key}={e.Value}");
                    }
                }

                foreach (var name in Allowed)
                {
                    Console.WriteLine($"{name}={env[name]}");
                }

                Console.WriteLine(env["PATH"]);
            }
        }
        """);

    [Fact]
    public Task RedactedValues_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            static string Redact(object value) => value is string s && s.Length > 4 ? "…" + s.Substring(s.Length - 4) : "…";

            void M(ILogger logger)
            {
                foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
                {
                    logger.LogInformation("{Name}={Value}", e.Key, Redact(e.Value));
                    Console.WriteLine($"{e.Key} has {((string)e.Value).Length} characters");
                }
            }
        }
        """);

    [Fact]
    public Task SingleVariableReadAndSection_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(IConfiguration configuration, ILogger logger)
            {
                Console.WriteLine(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"));
                foreach (var pair in configuration.GetSection("Logging").AsEnumerable())
                {
                    logger.LogInformation("{Key}={Value}", pair.Key, pair.Value);
                }
            }
        }
        """);

    [Fact]
    public Task DenylistIsNotAnAllowlist_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                var visible = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                    .Where(e => !((string)e.Key).Contains("KEY"));
                foreach (var e in visible)
                {
                    Console.WriteLine({|KL2001:e|});
                }
            }
        }
        """);
}
