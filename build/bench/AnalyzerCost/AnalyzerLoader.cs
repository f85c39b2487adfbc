using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.AnalyzerCost;

/// <summary>Loads every C# analyzer type of the given assemblies into one load context, next-to-file dependencies included.</summary>
internal static class AnalyzerLoader
{
    public static ImmutableArray<DiagnosticAnalyzer> Load(IReadOnlyList<string> paths, IReadOnlyCollection<string>? diagnosticIds)
    {
        var context = ContextFor(paths, "analyzers");
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in paths)
        {
            foreach (var type in LoadableTypes(context.LoadFromAssemblyPath(Path.GetFullPath(path))))
            {
                if (!type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                    && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>()?.Languages.Contains(LanguageNames.CSharp) == true
                    && type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
                    if (diagnosticIds is null || analyzer.SupportedDiagnostics.Any(descriptor => diagnosticIds.Contains(descriptor.Id)))
                    {
                        analyzers.Add(analyzer);
                    }
                }
            }
        }

        return analyzers.ToImmutable();
    }

    /// <summary>A new load context that resolves the dependencies of the assemblies at <paramref name="paths"/> from next to them.</summary>
    public static AssemblyLoadContext ContextFor(IReadOnlyList<string> paths, string name)
    {
        var context = new AssemblyLoadContext(name);
        context.Resolving += (loader, assemblyName) => paths
            .Select(path => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, assemblyName.Name + ".dll"))
            .Where(File.Exists)
            .Select(loader.LoadFromAssemblyPath)
            .FirstOrDefault();
        return context;
    }

    /// <summary>The assembly's types, or those that load when some do not.</summary>
    public static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}
