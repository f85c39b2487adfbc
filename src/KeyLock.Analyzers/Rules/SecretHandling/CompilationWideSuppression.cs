using System.Threading;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// Whether a rule is off for a whole compilation, by the test the compiler applies before it runs an analyzer at all:
/// <c>/nowarn</c>, a rule set or a global config sets the id to none, and no <c>.editorconfig</c> section turns it
/// back on for some file (bulk settings such as <c>dotnet_analyzer_diagnostic.severity</c> do not apply to an id
/// set explicitly). While the rules were separate analyzers the compiler skipped a rule that is off; behind one
/// shared analyzer that skips it.
/// </summary>
internal static class CompilationWideSuppression
{
    public static bool IsOff(Compilation compilation, string id, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var treeOptions = options.SyntaxTreeOptionsProvider;
        var configured = options.SpecificDiagnosticOptions.TryGetValue(id, out var severity)
            || (treeOptions is not null && treeOptions.TryGetGlobalDiagnosticValue(id, cancellationToken, out severity));
        if (!configured || severity != ReportDiagnostic.Suppress)
        {
            return false;
        }

        if (treeOptions is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (treeOptions.TryGetDiagnosticValue(tree, id, cancellationToken, out var inTree) && inTree != ReportDiagnostic.Suppress)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
