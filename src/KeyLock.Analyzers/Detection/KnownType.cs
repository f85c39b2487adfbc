using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Detection;

/// <summary>
/// A top-level type known by namespace, name and arity (<c>System.Environment</c>,
/// <c>Microsoft.Extensions.Configuration.IConfiguration</c>), matched against symbols by name at the use site.
/// </summary>
/// <remarks>
/// Why not <c>Compilation.GetTypeByMetadataName</c> once per compilation: its first call in a compilation
/// loads the namespace tables of every referenced assembly, 0.15–0.24 s per csc process that the compiler
/// itself never needed. A name comparison costs nothing when the type is absent (it just never matches) and
/// allocates nothing when it is present. Unlike symbol identity it also matches a same-named type declared
/// in two assemblies, where <c>GetTypeByMetadataName</c> gave up and returned null.
/// </remarks>
internal readonly struct KnownType
{
    private readonly KnownNamespace _namespace;
    private readonly string _name;
    private readonly int _arity;

    public KnownType(string containingNamespace, string name, int arity = 0)
    {
        _namespace = new KnownNamespace(containingNamespace);
        _name = name;
        _arity = arity;
    }

    /// <summary>True when <paramref name="type"/> is this type (for a generic one, any construction of it).</summary>
    public bool Matches(ITypeSymbol? type) =>
        type is INamedTypeSymbol { ContainingType: null } named
        && named.Name == _name
        && named.Arity == _arity
        && named.TypeKind != TypeKind.Error
        && _namespace.Matches(named.ContainingNamespace);

    /// <summary>True when <paramref name="type"/> is one of <paramref name="types"/>.</summary>
    public static bool MatchesAny(KnownType[] types, ITypeSymbol? type)
    {
        foreach (var known in types)
        {
            if (known.Matches(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is this type or has it among its base types (an exception type for <c>System.Exception</c>).</summary>
    public bool IsOrDerivesFrom(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Matches(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is this (interface) type or implements it, directly or through other interfaces.</summary>
    public bool IsOrImplements(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (Matches(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Matches(implemented))
            {
                return true;
            }
        }

        return false;
    }
}
