using static KeyLock.Analyzers.Tests.Rules.SecretHandling.FlowRuleVerifier<KeyLock.Analyzers.Rules.SecretHandling.WholeEnvironmentToChildProcessRule>;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

public sealed class WholeEnvironmentToChildProcessRuleTests
{
    private const string Usings = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Linq;

        """;

    [Fact]
    public Task ForeachCopy_IntoEnvironment_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M()
            {
                var psi = new ProcessStartInfo("python", "tool.py") { UseShellExecute = false };
                foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
                {
                    {|#0:psi.Environment[(string)e.Key] = (string)e.Value|};
                }

                Process.Start(psi);
            }
        }
        """,
        Diagnostic(0, "Environment.GetEnvironmentVariables()", "ProcessStartInfo.Environment"));

    [Fact]
    public Task LegacyEnvironmentVariables_ViaLocal_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ProcessStartInfo psi)
            {
                IDictionary all = Environment.GetEnvironmentVariables();
                foreach (string name in all.Keys)
                {
                    {|#0:psi.EnvironmentVariables.Add(name, (string)all[name])|};
                }
            }
        }
        """,
        Diagnostic(0, "Environment.GetEnvironmentVariables()", "ProcessStartInfo.EnvironmentVariables"));

    [Fact]
    public Task Linq_ToDictionary_ThenCopied_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(ProcessStartInfo psi)
            {
                var snapshot = Environment.GetEnvironmentVariables()
                    .Cast<DictionaryEntry>()
                    .ToDictionary(e => (string)e.Key, e => (string)e.Value);
                foreach (var pair in snapshot)
                {
                    {|KL2002:psi.Environment.Add(pair)|};
                }
            }
        }
        """);

    [Fact]
    public Task HelperInTheSameMethod_Diagnostic() => VerifyAsync(Usings + """
        class C
        {
            Process M()
            {
                var psi = new ProcessStartInfo("node");
                CopyInto(psi, Environment.GetEnvironmentVariables());
                return Process.Start(psi);

                static void CopyInto(ProcessStartInfo target, IDictionary variables)
                {
                    foreach (DictionaryEntry e in variables)
                    {
                        {|KL2002:target.Environment[e.Key.ToString()] = e.Value?.ToString()|};
                    }
                }
            }
        }
        """);

    [Fact]
    public Task MinimalEnvironment_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(string apiKey)
            {
                var psi = new ProcessStartInfo("python", "tool.py") { UseShellExecute = false };
                psi.Environment.Clear();
                psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
                psi.Environment["TOOL_API_KEY"] = apiKey;
                Process.Start(psi);
            }
        }
        """);

    [Fact]
    public Task AllowlistedCopy_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            private static readonly string[] Inherited = { "PATH", "HOME", "LANG" };

            void M(ProcessStartInfo psi)
            {
                var env = Environment.GetEnvironmentVariables();
                psi.Environment.Clear();
                foreach (var name in Inherited)
                {
                    psi.Environment[name] = (string)env[name];
                }

                foreach (DictionaryEntry e in env)
                {
                    if (Inherited.Contains((string)e.Key))
                    {
                        psi.EnvironmentVariables[(string)e.Key] = (string)e.Value;
                    }
                }

                foreach (var pair in env.Cast<DictionaryEntry>().Where(e => ((string)e.Key).StartsWith("DOTNET_")))
                {
                    psi.Environment[(string)pair.Key] = (string)pair.Value;
                }
            }
        }
        """);

    [Fact]
    public Task OtherDictionary_NoDiagnostic() => VerifyAsync(Usings + """
        class C
        {
            void M(Dictionary<string, string> copy)
            {
                foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
                {
                    copy[(string)e.Key] = (string)e.Value;
                }
            }
        }
        """);
}
