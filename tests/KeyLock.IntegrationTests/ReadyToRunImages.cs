using System.Runtime.InteropServices;

namespace KeyLock.IntegrationTests;

/// <summary>
/// The runtime identifiers KeyLock ships ReadyToRun images for: the compiler assemblies in r2r/&lt;rid&gt;/ and the
/// package verification task as tasks/net10.0/KeyLock.Tasks.&lt;rid&gt;.dll.
/// </summary>
internal static class ReadyToRunImages
{
    public static readonly string[] Runtimes = ["linux-x64", "linux-arm64", "win-x64", "osx-x64", "osx-arm64"];

    public static readonly string[] Assemblies = ["KeyLock.Analyzers.dll", "KeyLock.CodeFixes.dll", "KeyLock.Secrets.dll"];

    /// <summary>The runtime identifier of this test process, which is the one the SDK (and so the compiler) runs on.</summary>
    public static string ThisRuntime => RuntimeInformation.RuntimeIdentifier;

    public static bool ForThisRuntime => Runtimes.Contains(ThisRuntime);

    /// <summary>The portable task every host can load (and the one `dotnet build` loads without an image).</summary>
    public const string PortableTask = "tasks/net10.0/KeyLock.Tasks.dll";

    public static string TaskImage(string runtime) => $"tasks/net10.0/KeyLock.Tasks.{runtime}.dll";
}
