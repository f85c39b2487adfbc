namespace KeyLock.Analyzers;

/// <summary>
/// Every diagnostic id KeyLock's analyzers report, by range: KL1xxx hardcoded secrets, KL2xxx secret
/// handling, KL3xxx egress, KL9xxx KeyLock's own failures. Ids are never reused.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A known-format provider key (OpenAI, …) written into code or a comment.</summary>
    public const string HardcodedProviderKey = "KL1001";
}
