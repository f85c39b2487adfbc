using System.Runtime.InteropServices;

namespace KeyLock.IntegrationTests;

/// <summary>The runtime identifiers KeyLock ships ReadyToRun compiler assemblies for (r2r/&lt;rid&gt;/ in the package).</summary>
internal static class ReadyToRunAnalyzers
{
    public static readonly string[] Runtimes = ["linux-x64", "linux-arm64", "win-x64", "osx-x64", "osx-arm64"];

    public static readonly string[] Assemblies = ["KeyLock.Analyzers.dll", "KeyLock.CodeFixes.dll", "KeyLock.Secrets.dll"];

    /// <summary>The runtime identifier of this test process, which is the one the SDK (and so the compiler) runs on.</summary>
    public static string ThisRuntime => RuntimeInformation.RuntimeIdentifier;

    public static bool ForThisRuntime => Runtimes.Contains(ThisRuntime);
}
