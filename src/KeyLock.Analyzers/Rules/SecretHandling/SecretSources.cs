using System.Linq;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// The reads the secret-handling rules start from: the whole environment
/// (<c>Environment.GetEnvironmentVariables()</c>, <c>IConfiguration.AsEnumerable()</c> on a root), one
/// environment variable (<c>Environment.GetEnvironmentVariable(name)</c>) and one configuration value
/// (<c>config[key]</c>, <c>config.GetValue&lt;string&gt;(key)</c>, <c>config.GetSection(key).Value</c>).
/// Types are matched by name where they are used (<see cref="KnownType"/>), so no package is needed to
/// compile the analyzer and nothing is resolved per compilation; absent types simply never match.
/// </summary>
internal static class SecretSources
{
    private static readonly KnownType Environment = new("System", "Environment");
    private static readonly KnownType Configuration = new("Microsoft.Extensions.Configuration", "IConfiguration");
    private static readonly KnownType ConfigurationSection = new("Microsoft.Extensions.Configuration", "IConfigurationSection");

    /// <summary>True for a method of <c>System.Environment</c> with the name <paramref name="name"/>.</summary>
    public static bool IsEnvironmentMethod(IMethodSymbol method, string name) =>
        method.Name == name && Environment.Matches(method.ContainingType);

    /// <summary><c>Environment.GetEnvironmentVariables()</c> or <c>AsEnumerable()</c> over a configuration root.</summary>
    public static TaintedValue WholeEnvironment(IOperation operation)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return TaintedValue.Clean;
        }

        var method = invocation.TargetMethod;
        if (IsEnvironmentMethod(method, "GetEnvironmentVariables"))
        {
            return new TaintedValue(Taint.Entries, "Environment.GetEnvironmentVariables()");
        }

        if (method.Name == "AsEnumerable" && method.Parameters.Length >= 1
            && IsConfiguration(method.Parameters[0].Type)
            && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value is { } receiver
            && !IsSection(Unwrap(receiver).Type))
        {
            return new TaintedValue(Taint.Entries, "IConfiguration.AsEnumerable()");
        }

        return TaintedValue.Clean;
    }

    /// <summary>True for <c>Environment.GetEnvironmentVariables</c>, the trigger that lets the whole-environment rules run.</summary>
    public static bool IsWholeEnvironmentRead(IOperation operation) => !WholeEnvironment(operation).IsClean;

    /// <summary>One value read by a secret-like name: <c>GetEnvironmentVariable("OPENAI_API_KEY")</c>, <c>config["OpenAI:ApiKey"]</c>.</summary>
    public static TaintedValue SecretRead(IOperation operation) =>
        ReadName(operation) is { } name && SecretNames.IsSecretName(name) ? new TaintedValue(Taint.Value, name) : TaintedValue.Clean;

    /// <summary>One value read by a name that says it may hold several secrets: <c>SECRETS</c>, <c>API_KEYS</c>, <c>Providers:Keys</c>.</summary>
    public static TaintedValue SecretBundleRead(IOperation operation) =>
        ReadName(operation) is { } name && SecretNames.MayHoldSecrets(name) ? new TaintedValue(Taint.Value, name) : TaintedValue.Clean;

    /// <summary>The kinds of operation <see cref="ReadName"/> can match: a method call or a property (an indexer, <c>Value</c>).</summary>
    public static readonly OperationKind[] ReadKinds = { OperationKind.Invocation, OperationKind.PropertyReference };

    /// <summary>
    /// The constant name of a single environment or configuration read, or null when
    /// <paramref name="operation"/> is not one (or the name is not a constant).
    /// </summary>
    public static string? ReadName(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (IsEnvironmentMethod(method, "GetEnvironmentVariable"))
                {
                    return ConstantArgument(invocation, 0);
                }

                // ConfigurationBinder.GetValue<string>(config, "OpenAI:ApiKey"), config.GetConnectionString is not a key read.
                if (method.Name == "GetValue" && method.IsExtensionMethod
                    && method.Parameters.Length >= 2 && IsConfiguration(method.Parameters[0].Type))
                {
                    return ConstantArgument(invocation, 1);
                }

                return null;

            // Shape and constant key first: most indexers (lists, dictionaries) and Value properties (Nullable,
            // KeyValuePair, IOptions) fail there, before the type check walks all their interfaces.
            case IPropertyReferenceOperation property:
                // config["OpenAI:ApiKey"], section["ApiKey"]
                if (property.Property.IsIndexer)
                {
                    return property.Arguments.Length == 1 && property.Arguments[0].Value.ConstantValue.Value is string key
                        && IsConfiguration(property.Property.ContainingType) ? key : null;
                }

                // config.GetSection("OpenAI:ApiKey").Value
                if (property.Property.Name == "Value"
                    && property.Instance is { } instance && Unwrap(instance) is IInvocationOperation { TargetMethod.Name: "GetSection" } getSection
                    && getSection.Arguments.LastOrDefault()?.Value.ConstantValue.Value is string section
                    && IsSection(property.Property.ContainingType))
                {
                    return section;
                }

                return null;

            default:
                return null;
        }
    }

    /// <summary>A loop, not <c>FirstOrDefault</c>: a lambda capturing <paramref name="ordinal"/> would allocate on every read.</summary>
    private static string? ConstantArgument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value.ConstantValue.Value as string;
            }
        }

        return null;
    }

    private static bool IsConfiguration(ITypeSymbol? type) => Configuration.IsOrImplements(type);

    private static bool IsSection(ITypeSymbol? type) => ConfigurationSection.IsOrImplements(type);

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
