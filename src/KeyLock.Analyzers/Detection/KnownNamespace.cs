using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Detection;

/// <summary>
/// A namespace known by its dotted name (<c>System.Collections</c>), compared with a symbol's namespace by
/// walking <see cref="INamespaceSymbol.ContainingNamespace"/> names. Nothing is allocated per comparison:
/// no display string, no concatenation.
/// </summary>
internal readonly struct KnownNamespace
{
    // Innermost name first, the order in which a symbol's namespaces are walked.
    private readonly string[] _names;

    /// <param name="dottedName">The full name, <c>System.Collections</c>; empty for the global namespace.</param>
    public KnownNamespace(string dottedName)
    {
        _names = dottedName.Length == 0 ? new string[0] : dottedName.Split('.');
        System.Array.Reverse(_names);
    }

    /// <summary>True when <paramref name="candidate"/> is exactly this namespace.</summary>
    public bool Matches(INamespaceSymbol? candidate)
    {
        foreach (var name in _names)
        {
            if (candidate is null || candidate.IsGlobalNamespace || candidate.Name != name)
            {
                return false;
            }

            candidate = candidate.ContainingNamespace;
        }

        return candidate is { IsGlobalNamespace: true };
    }

    /// <summary>True when <paramref name="candidate"/> is this namespace or one nested in it (<c>Serilog.Core</c> for <c>Serilog</c>).</summary>
    public bool Contains(INamespaceSymbol? candidate)
    {
        var extraLevels = Depth(candidate) - _names.Length;
        if (extraLevels < 0)
        {
            return false;
        }

        for (; extraLevels > 0; extraLevels--)
        {
            candidate = candidate!.ContainingNamespace;
        }

        return Matches(candidate);
    }

    private static int Depth(INamespaceSymbol? candidate)
    {
        var depth = 0;
        for (; candidate is { IsGlobalNamespace: false }; candidate = candidate.ContainingNamespace)
        {
            depth++;
        }

        return depth;
    }
}
