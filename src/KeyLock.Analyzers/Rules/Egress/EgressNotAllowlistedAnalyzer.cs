using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.Egress;

/// <summary>
/// KL3001: a hardcoded absolute <c>http(s)</c> URL used as an outbound endpoint whose host is not on the
/// project's egress allowlist (<c>keylock.egress_allow</c> in <c>.editorconfig</c> or <c>.globalconfig</c>).
/// Endpoints are: <c>new Uri("https://…")</c> (passed to <c>HttpClient.BaseAddress</c>, SDK options such
/// as <c>OpenAIClientOptions.Endpoint</c>, or anywhere else), a literal request URI of an
/// <c>HttpClient</c> method or <c>HttpRequestMessage</c>, and a literal assigned to a string property named
/// <c>Endpoint</c>, <c>BaseAddress</c>, <c>BaseUrl</c> or <c>ApiBase</c>. Off until an allowlist is configured.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EgressNotAllowlistedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DescriptorFactory.Create(
        DiagnosticIds.EgressNotAllowlisted,
        title: "Outbound endpoint is not on the egress allowlist",
        messageFormat: "Outbound endpoint host '{0}' is not on the egress allowlist; add it to keylock.egress_allow if this call is intended",
        description: "An allowlist of the hosts a project may call makes a new outbound destination a reviewed change: a dependency "
            + "or a pasted snippet that sends prompts or keys to an unexpected host shows up in the build. The rule is off until "
            + "keylock.egress_allow is set in .editorconfig or .globalconfig.",
        DiagnosticSeverity.Warning);

    private static readonly ImmutableHashSet<string> EndpointPropertyNames =
        ImmutableHashSet.Create(StringComparer.Ordinal, "Endpoint", "BaseAddress", "BaseUrl", "BaseUri", "ApiBase", "ApiBaseUrl");

    private static readonly KnownType UriType = new("System", "Uri");
    private static readonly KnownType HttpClient = new("System.Net.Http", "HttpClient");
    private static readonly KnownType HttpClientJson = new("System.Net.Http.Json", "HttpClientJsonExtensions");
    private static readonly KnownType RequestMessage = new("System.Net.Http", "HttpRequestMessage");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (!AllowlistConfigured(start.Compilation, start.Options.AnalyzerConfigOptionsProvider))
            {
                // The rule is off until an allowlist exists: register nothing, so it costs nothing. (The old second
                // gate, System.Uri resolving, is gone: without it the name checks in EndpointLiteral never match.)
                return;
            }

            var allowlists = new ConcurrentDictionary<string, HostAllowlist>(StringComparer.Ordinal);
            start.RegisterOperationAction(
                operation =>
                {
                    if (EndpointLiteral(operation.Operation) is { } literal)
                    {
                        Check(operation, literal, allowlists);
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.Invocation,
                OperationKind.SimpleAssignment);
        });
    }

    /// <summary>Whether any source file (through .editorconfig or .globalconfig) sets the allowlist.</summary>
    private static bool AllowlistConfigured(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        if (HasAllowlist(provider.GlobalOptions))
        {
            return true;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (HasAllowlist(provider.GetOptions(tree)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAllowlist(AnalyzerConfigOptions options) =>
        options.TryGetValue(HostAllowlist.OptionKey, out var configured) && !string.IsNullOrWhiteSpace(configured);

    /// <summary>The constant URL operand of an outbound endpoint, or null.</summary>
    private static IOperation? EndpointLiteral(IOperation operation)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                var type = constructor.ContainingType;
                if (UriType.Matches(type) || RequestMessage.Matches(type))
                {
                    return creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String)?.Value;
                }

                return null;

            case IInvocationOperation invocation:
                var owner = invocation.TargetMethod.ContainingType;
                if (HttpClient.Matches(owner) || HttpClientJson.Matches(owner))
                {
                    return invocation.Arguments
                        .FirstOrDefault(a => a.Parameter is { Name: "requestUri", Type.SpecialType: SpecialType.System_String })?.Value;
                }

                return null;

            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                when property.Property.Type.SpecialType == SpecialType.System_String && EndpointPropertyNames.Contains(property.Property.Name):
                return assignment.Value;

            default:
                return null;
        }
    }

    private static void Check(OperationAnalysisContext context, IOperation literal, ConcurrentDictionary<string, HostAllowlist> allowlists)
    {
        if (literal.ConstantValue.Value is not string text
            || !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(literal.Syntax.SyntaxTree);
        if (!options.TryGetValue(HostAllowlist.OptionKey, out var configured) || string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        var allowlist = allowlists.GetOrAdd(configured, HostAllowlist.Parse);
        if (!allowlist.IsEmpty && !allowlist.Allows(url.Host))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, literal.Syntax.GetLocation(), url.Host));
        }
    }
}
