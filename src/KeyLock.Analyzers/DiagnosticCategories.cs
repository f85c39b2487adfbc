namespace KeyLock.Analyzers;

internal static class DiagnosticCategories
{
    public const string Security = "Security";
}
