using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// KL2004: several secrets kept in one blob. Two shapes:
/// <list type="bullet">
/// <item>a <c>.env</c> file loaded into the process environment: DotNetEnv (<c>Env.Load()</c>,
///   <c>Env.TraversePath().Load()</c>, <c>Env.LoadMulti</c>, <c>Env.LoadContents</c>) or dotenv.net (<c>DotEnv.Load()</c>),
///   matched by namespace and type name;</item>
/// <item>one environment variable or configuration value whose name says it holds secrets (<c>SECRETS</c>,
///   <c>API_KEYS</c>, …) parsed as JSON into a dictionary (<c>JsonSerializer.Deserialize&lt;Dictionary&lt;string, string&gt;&gt;</c>,
///   Newtonsoft <c>JsonConvert.DeserializeObject</c>), directly or through locals.</item>
/// </list>
/// </summary>
internal sealed class SecretsInOneBlobRule : FlowRule, IInvocationCheck
{
    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.SecretsInOneBlob,
        title: "Several secrets are kept in one blob",
        messageFormat: "{0}: several secrets are kept in one blob; give each provider key its own variable or secret-store entry and bind it to that provider's client",
        description: "A .env file or a single variable that holds every provider key gives all of them away to whatever reads it once: "
            + "the LiteLLM payload of March 2026 collected every .env file it found. Keep each key in its own secret-store entry or variable, "
            + "bind it to typed options for its provider, and load only the keys a process uses.",
        DiagnosticSeverity.Warning);

    private static readonly KnownType[] DotEnvLoaders =
    {
        new("DotNetEnv", "Env"),
        new("DotNetEnv", "LoadOptions"),
        new("dotenv.net", "DotEnv"),
        new("dotenv.net", "DotEnvOptions"),
    };

    private static readonly KnownType[] Deserializers =
    {
        new("System.Text.Json", "JsonSerializer"),
        new("Newtonsoft.Json", "JsonConvert"),
    };

    private static readonly KnownNamespace GenericCollections = new("System.Collections.Generic");

    public override DiagnosticDescriptor Descriptor => Rule;

    // Both shapes are active in every compilation: the .env check tests the method name before any type, and the
    // dictionary check runs only in methods that read a bundle-named value; a compilation without the loader or
    // deserializer types never matches their names.
    public override OperationKind[] TriggerKinds => SecretSources.ReadKinds;

    public override bool IsTrigger(IOperation operation) => !SecretSources.SecretBundleRead(operation).IsClean;

    /// <summary>The <c>.env</c> shape: a loader call is a finding on its own.</summary>
    public void Check(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name.StartsWith("Load", StringComparison.Ordinal) && KnownType.MatchesAny(DotEnvLoaders, method.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                $"'{method.ContainingType.Name}.{method.Name}' loads every entry of a .env file into the process environment"));
        }
    }

    /// <summary>The dictionary shape: a bundle-named value parsed into a dictionary.</summary>
    public override void Analyze(OperationBlockAnalysisContext context)
    {
        var flow = TaintFlow.Analyze(context.OperationBlocks, SecretSources.SecretBundleRead, context.CancellationToken);
        foreach (var invocation in flow.Operations.OfType<IInvocationOperation>())
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Deserialize", StringComparison.Ordinal)
                || !KnownType.MatchesAny(Deserializers, method.ContainingType)
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
                && GenericCollections.Matches(candidate.ContainingNamespace)
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
