using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var uri = compilation.GetTypeByMetadataName("System.Uri");
            if (uri is null || !AllowlistConfigured(compilation, start.Options.AnalyzerConfigOptionsProvider))
            {
                // The rule is off until an allowlist exists: register nothing, so it costs nothing.
                return;
            }

            var targets = new Targets(
                uri,
                compilation.GetTypeByMetadataName("System.Net.Http.HttpClient"),
                compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions"),
                compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage"));
            var allowlists = new ConcurrentDictionary<string, HostAllowlist>(StringComparer.Ordinal);

            start.RegisterOperationAction(
                operation =>
                {
                    if (EndpointLiteral(operation.Operation, targets) is { } literal)
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
    private static IOperation? EndpointLiteral(IOperation operation, Targets targets)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                var type = constructor.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(type, targets.Uri) || SymbolEqualityComparer.Default.Equals(type, targets.RequestMessage))
                {
                    return creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String)?.Value;
                }

                return null;

            case IInvocationOperation invocation:
                var owner = invocation.TargetMethod.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(owner, targets.HttpClient) || SymbolEqualityComparer.Default.Equals(owner, targets.HttpClientJson))
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

    private sealed class Targets
    {
        public Targets(INamedTypeSymbol uri, INamedTypeSymbol? httpClient, INamedTypeSymbol? httpClientJson, INamedTypeSymbol? requestMessage)
        {
            Uri = uri;
            HttpClient = httpClient;
            HttpClientJson = httpClientJson;
            RequestMessage = requestMessage;
        }

        public INamedTypeSymbol Uri { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? HttpClientJson { get; }

        public INamedTypeSymbol? RequestMessage { get; }
    }
}
