using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// KL2004: several secrets kept in one blob. Two shapes:
/// <list type="bullet">
/// <item>a <c>.env</c> file loaded into the process environment: DotNetEnv (<c>Env.Load()</c>,
///   <c>Env.TraversePath().Load()</c>, <c>Env.LoadMulti</c>, <c>Env.LoadContents</c>) or dotenv.net (<c>DotEnv.Load()</c>),
///   matched by metadata name;</item>
/// <item>one environment variable or configuration value whose name says it holds secrets (<c>SECRETS</c>,
///   <c>API_KEYS</c>, …) parsed as JSON into a dictionary (<c>JsonSerializer.Deserialize&lt;Dictionary&lt;string, string&gt;&gt;</c>,
///   Newtonsoft <c>JsonConvert.DeserializeObject</c>), directly or through locals.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretsInOneBlobAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.SecretsInOneBlob,
        title: "Several secrets are kept in one blob",
        messageFormat: "{0}: several secrets are kept in one blob; give each provider key its own variable or secret-store entry and bind it to that provider's client",
        description: "A .env file or a single variable that holds every provider key gives all of them away to whatever reads it once: "
            + "the LiteLLM payload of March 2026 collected every .env file it found. Keep each key in its own secret-store entry or variable, "
            + "bind it to typed options for its provider, and load only the keys a process uses.",
        DiagnosticSeverity.Warning);

    private static readonly (string Type, string Display)[] DotEnvLoaders =
    {
        ("DotNetEnv.Env", "Env"),
        ("DotNetEnv.LoadOptions", "LoadOptions"),
        ("dotenv.net.DotEnv", "DotEnv"),
        ("dotenv.net.DotEnvOptions", "DotEnvOptions"),
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var loaders = DotEnvLoaders
                .Select(loader => compilation.GetTypeByMetadataName(loader.Type))
                .Where(type => type is not null)
                .Cast<INamedTypeSymbol>()
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            if (!loaders.IsEmpty)
            {
                start.RegisterOperationAction(operation => AnalyzeDotEnvLoad(operation, loaders), OperationKind.Invocation);
            }

            var deserializers = new[]
                {
                    compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer"),
                    compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonConvert"),
                }
                .Where(type => type is not null)
                .Cast<INamedTypeSymbol>()
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            if (!deserializers.IsEmpty && SecretSources.Create(compilation) is { } sources)
            {
                FlowRegistration.RegisterForBlocksContaining(
                    start,
                    operation => !sources.SecretBundleRead(operation).IsClean,
                    block => AnalyzeDeserialization(block, sources, deserializers),
                    OperationKind.Invocation,
                    OperationKind.PropertyReference);
            }
        });
    }

    private static void AnalyzeDotEnvLoad(OperationAnalysisContext context, ImmutableHashSet<INamedTypeSymbol> loaders)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name.StartsWith("Load", StringComparison.Ordinal) && loaders.Contains(method.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                $"'{method.ContainingType.Name}.{method.Name}' loads every entry of a .env file into the process environment"));
        }
    }

    private static void AnalyzeDeserialization(OperationBlockAnalysisContext context, SecretSources sources, ImmutableHashSet<INamedTypeSymbol> deserializers)
    {
        var flow = TaintFlow.Analyze(context.OperationBlocks, sources.SecretBundleRead, context.CancellationToken);
        foreach (var invocation in flow.Operations.OfType<IInvocationOperation>())
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Deserialize", StringComparison.Ordinal)
                || !deserializers.Contains(method.ContainingType)
                || !IsDictionaryOfText(method.ReturnType))
            {
                continue;
            }

            var input = flow.Evaluate(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value);
            if (input.Taint.Exposes())
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    invocation.Syntax.GetLocation(),
                    $"'{method.ContainingType.Name}.{method.Name}' parses '{input.Origin}' into a dictionary"));
            }
        }
    }

    /// <summary>A dictionary whose values can hold text: <c>Dictionary&lt;string, string&gt;</c>, <c>IDictionary&lt;string, object&gt;</c>, <c>Dictionary&lt;string, JsonElement&gt;</c>.</summary>
    private static bool IsDictionaryOfText(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
        {
            if (candidate.Name is "IDictionary" or "IReadOnlyDictionary"
                && candidate.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
                && candidate.TypeArguments.Length == 2)
            {
                var value = candidate.TypeArguments[1];
                return value.SpecialType is SpecialType.System_String or SpecialType.System_Object
                    || value.Name is "JsonElement" or "JsonNode" or "JToken";
            }
        }

        return false;
    }
}
