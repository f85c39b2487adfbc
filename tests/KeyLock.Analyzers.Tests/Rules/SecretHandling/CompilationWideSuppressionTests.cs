using KeyLock.Analyzers.Rules.SecretHandling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KeyLock.Analyzers.Tests.Rules.SecretHandling;

/// <summary>
/// A rule is skipped inside the shared analyzer exactly when the compiler would have skipped it as an analyzer of
/// its own: off for the whole compilation, and not turned on again for any file.
/// </summary>
public sealed class CompilationWideSuppressionTests
{
    private const string Id = "KL2005";

    [Fact]
    public void NotConfigured_IsOn() => Assert.False(IsOff(Compilation()));

    [Fact]
    public void NoWarn_IsOff() => Assert.True(IsOff(Compilation().WithOptions(Options().WithSpecificDiagnosticOptions(
        new Dictionary<string, ReportDiagnostic> { [Id] = ReportDiagnostic.Suppress }))));

    [Fact]
    public void SetToWarning_IsOn() => Assert.False(IsOff(Compilation().WithOptions(Options().WithSpecificDiagnosticOptions(
        new Dictionary<string, ReportDiagnostic> { [Id] = ReportDiagnostic.Warn }))));

    [Fact]
    public void NoneInGlobalConfig_IsOff() => Assert.True(IsOff(WithTreeOptions(new TreeOptions(global: ReportDiagnostic.Suppress))));

    [Fact]
    public void NoneInGlobalConfig_OnAgainForOneFile_IsOn() =>
        Assert.False(IsOff(WithTreeOptions(new TreeOptions(global: ReportDiagnostic.Suppress, inSecondFile: ReportDiagnostic.Warn))));

    /// <summary>Off in one file only: the rule still runs for the others (the compiler drops that file's findings).</summary>
    [Fact]
    public void NoneForOneFileOnly_IsOn() => Assert.False(IsOff(WithTreeOptions(new TreeOptions(global: null, inSecondFile: ReportDiagnostic.Suppress))));

    private static bool IsOff(Compilation compilation) => CompilationWideSuppression.IsOff(compilation, Id, CancellationToken.None);

    private static CSharpCompilationOptions Options() => new(OutputKind.DynamicallyLinkedLibrary);

    private static CSharpCompilation Compilation() => CSharpCompilation.Create(
        "Sample",
        new[] { CSharpSyntaxTree.ParseText("class A { }", path: "A.cs"), CSharpSyntaxTree.ParseText("class B { }", path: "B.cs") },
        options: Options());

    private static CSharpCompilation WithTreeOptions(TreeOptions treeOptions) =>
        Compilation().WithOptions(Options().WithSyntaxTreeOptionsProvider(treeOptions));

    /// <summary>What a global config (<paramref name="global"/>) and an .editorconfig section for B.cs (<paramref name="inSecondFile"/>) say about <see cref="Id"/>.</summary>
    private sealed class TreeOptions(ReportDiagnostic? global, ReportDiagnostic? inSecondFile = null) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            Lookup(diagnosticId == Id && tree.FilePath == "B.cs" ? inSecondFile : null, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            Lookup(diagnosticId == Id ? global : null, out severity);

        private static bool Lookup(ReportDiagnostic? value, out ReportDiagnostic severity)
        {
            severity = value ?? ReportDiagnostic.Default;
            return value.HasValue;
        }
    }
}
