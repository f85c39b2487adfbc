namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>nuget.config files with a signature policy: signatureValidationMode and trustedSigners.</summary>
internal static class NuGetConfigText
{
    public static string SignaturePolicy(bool requireMode, params string[] trustedSigners) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="signatureValidationMode" value="{(requireMode ? "require" : "accept")}" />
          </config>
          <trustedSigners>
        {string.Join("\n", trustedSigners)}
          </trustedSigners>
        </configuration>
        """;

    public static string Author(string name, string fingerprint, bool allowUntrustedRoot = false) =>
        $"""    <author name="{name}"><certificate fingerprint="{fingerprint}" hashAlgorithm="SHA256" allowUntrustedRoot="{Lower(allowUntrustedRoot)}" /></author>""";

    public static string Repository(string name, string serviceIndex, string fingerprint, string owners) =>
        $"""    <repository name="{name}" serviceIndex="{serviceIndex}"><certificate fingerprint="{fingerprint}" hashAlgorithm="SHA256" allowUntrustedRoot="false" /><owners>{owners}</owners></repository>""";

    private static string Lower(bool value) => value ? "true" : "false";
}
