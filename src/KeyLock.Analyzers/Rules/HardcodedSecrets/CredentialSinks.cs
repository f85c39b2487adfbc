using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using KeyLock.Analyzers.Detection;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// Where a constant string goes, and whether that place says "this is a credential": the sinks of KL1004. Given the
/// constant's operation, <see cref="Analyze"/> climbs to the one argument, assignment, initializer or conversion that
/// consumes it and reports the value if the place is a sink and the value looks like a secret.
/// </summary>
internal static class CredentialSinks
{
    // Methods that take a (name, value) pair: headers, settings dictionaries, environment variables.
    private static readonly HashSet<string> NameValueMethods = new(StringComparer.Ordinal)
    {
        "Add", "TryAdd", "TryAddWithoutValidation", "Set", "Append", "SetEnvironmentVariable", "AddHeader", "AddDefaultHeader",
        "AddOrUpdate", "Create", "SetValue", "Header", "WithHeader",
    };

    // Parameters of credential types that are not the secret.
    private static readonly HashSet<string> NonSecretCredentialParameters = new(StringComparer.Ordinal)
    {
        "name", "scheme", "accountName", "userName", "username", "domain",
    };

    private static readonly KnownNamespace SystemCollections = new("System.Collections");

    /// <summary>
    /// The cheap filter before any semantic work: could <paramref name="value"/> be reported in some sink? It must look
    /// random (also after an auth scheme such as <c>Bearer </c>), or be a catalog format that a credential position or
    /// a name lets in.
    /// </summary>
    public static bool CouldBeReported(string value) =>
        value.Length >= SecretShape.MinimumLength && CouldBeReported(value, SecretMatcher.Default.FindAll(value).Count > 0);

    /// <summary>
    /// <see cref="CouldBeReported(string)"/> for a caller that has already run <c>SecretMatcher.Default.FindAll</c> on
    /// <paramref name="value"/>: <paramref name="catalogMatch"/> says whether it found anything.
    /// </summary>
    public static bool CouldBeReported(string value, bool catalogMatch)
    {
        if (value.Length < SecretShape.MinimumLength)
        {
            return false;
        }

        if (catalogMatch || SecretShape.LooksLikeSecret(value) || SecretMatcher.Default.MatchesInSomeContext(value))
        {
            return true;
        }

        // "Bearer <token>": the value can become a secret once its auth scheme is stripped only if the rest is one word
        // (stripping allocates; most messages stop at this scan).
        var scheme = SecretShape.AuthSchemeLength(value);
        if (scheme == 0)
        {
            return false;
        }

        var end = value.Length;
        while (end > scheme && char.IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        for (var i = scheme; i < end; i++)
        {
            if (char.IsWhiteSpace(value[i]))
            {
                return false;
            }
        }

        return SecretShape.LooksLikeSecret(value.Substring(scheme));
    }

    /// <summary>
    /// Reports <paramref name="leaf"/> (a constant whose value is <paramref name="text"/>) where it goes into a sink.
    /// Returns the const local it initializes when that local is not itself named like a credential: such a value is
    /// reported where the local is used, so the caller looks at those uses.
    /// </summary>
    public static ILocalSymbol? Analyze(IOperation leaf, string text, Action<Diagnostic> report)
    {
        var value = leaf;
        while (true)
        {
            switch (value.Parent)
            {
                case IConversionOperation conversion when !conversion.ConstantValue.HasValue || conversion.IsImplicit:
                    // string → ApiKeyCredential through the type's implicit operator: new ChatClient("gpt-4o", "…").
                    if (conversion.OperatorMethod is { } method && CredentialTypes.Contains(method.ContainingType) && conversion.Operand.ConstantValue.HasValue)
                    {
                        ReportValue(leaf, text, new Sink("Credential", method.ContainingType.Name, Hint(conversion), variableSource: "key"), report);
                    }

                    value = conversion;
                    continue;
                case IConditionalOperation conditional when !conditional.ConstantValue.HasValue && conditional.Condition != value:
                    value = conditional;
                    continue;
                case ICoalesceOperation coalesce when coalesce.WhenNull == value:
                    value = coalesce;
                    continue;
                case IArgumentOperation argument:
                    AnalyzeArgument(argument, leaf, text, report);
                    return null;
                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    AnalyzeAssignment(assignment, leaf, text, report);
                    return null;
                case IFieldInitializerOperation { InitializedFields: { IsEmpty: false } fields }:
                    AnalyzeNamed(fields[0], leaf, text, report);
                    return null;
                case IPropertyInitializerOperation { InitializedProperties: { IsEmpty: false } properties }:
                    AnalyzeNamed(properties[0], leaf, text, report);
                    return null;
                case IParameterInitializerOperation initializer:
                    AnalyzeNamed(initializer.Parameter, leaf, text, report);
                    return null;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    AnalyzeNamed(declarator.Symbol, leaf, text, report);
                    return declarator.Symbol is { IsConst: true } local && leaf == value && !CredentialNames.IsCredentialName(local.Name) ? local : null;
                default:
                    return null;
            }
        }
    }

    private static void AnalyzeArgument(IArgumentOperation argument, IOperation leaf, string text, Action<Diagnostic> report)
    {
        switch (argument.Parent)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation when CredentialTypes.Contains(constructor.ContainingType):
                AnalyzeCredentialArgument(argument, constructor, Hint(creation), leaf, text, report);
                return;
            case IInvocationOperation invocation when CredentialTypes.Contains(invocation.TargetMethod.ContainingType):
                // credential.Update("…")
                AnalyzeCredentialArgument(argument, invocation.TargetMethod, Hint(invocation), leaf, text, report);
                return;
            case IInvocationOperation invocation when IsNameValuePair(invocation, argument, out var name):
                // headers.Add("x-api-key", "…"), settings.Add("OpenAI:ApiKey", "…"), { "ApiKey", "…" },
                // Environment.SetEnvironmentVariable("OPENAI_API_KEY", "…").
                var method = invocation.TargetMethod;
                var kind = method.Name == "SetEnvironmentVariable" ? "Environment variable"
                    : method.Name.IndexOf("Header", StringComparison.Ordinal) >= 0 || method.ContainingType.Name.EndsWith("Headers", StringComparison.Ordinal) ? "Header"
                    : "Setting";
                ReportValue(leaf, text, new Sink(kind, name, null, IsAuthorizationName(name)), report);
                break;
        }

        // Long constant strings are common (messages, templates); the parameter's name rules most of them out.
        if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter
            || !CredentialNames.IsCredentialName(parameter.Name, allowBareKey: true))
        {
            return;
        }

        var member = argument.Parent switch
        {
            IInvocationOperation invocation => (ISymbol)invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IPropertyReferenceOperation indexer => indexer.Property,
            _ => null,
        };

        if (member is not null && (CredentialNames.IsCredentialName(parameter.Name) || AllowsBareKey(member)))
        {
            var isAuthorization = IsAuthorizationName(parameter.Name);
            ReportValue(leaf, text, new Sink("Parameter", parameter.Name, member, isAuthorization), report);
        }
    }

    private static void AnalyzeAssignment(ISimpleAssignmentOperation assignment, IOperation leaf, string text, Action<Diagnostic> report)
    {
        switch (assignment.Target)
        {
            // settings["OpenAI:ApiKey"] = "…", request.Headers["x-api-key"] = "…", { ["ApiKey"] = "…" }
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name } && CredentialNames.IsCredentialName(name):
                var kind = indexer.Property.ContainingType.Name.EndsWith("Headers", StringComparison.Ordinal) ? "Header" : "Setting";
                ReportValue(leaf, text, new Sink(kind, name, null, IsAuthorizationName(name)), report);
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                AnalyzeNamed(property.Property, leaf, text, report);
                break;
            case IFieldReferenceOperation field:
                AnalyzeNamed(field.Field, leaf, text, report);
                break;
            case ILocalReferenceOperation local:
                AnalyzeNamed(local.Local, leaf, text, report);
                break;
            case IParameterReferenceOperation parameter:
                AnalyzeNamed(parameter.Parameter, leaf, text, report);
                break;
        }
    }

    private static void AnalyzeNamed(ISymbol target, IOperation leaf, string text, Action<Diagnostic> report)
    {
        var type = target switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        if (CredentialTypes.Contains(type) || !CredentialNames.IsCredentialName(target.Name))
        {
            return; // a credential type is reported at its conversion, on the way here
        }

        var kind = target switch
        {
            IFieldSymbol => "Field",
            IPropertySymbol => "Property",
            IParameterSymbol => "Parameter",
            _ => "Variable",
        };
        ReportValue(leaf, text, new Sink(kind, target.Name, target, IsAuthorizationName(target.Name)), report);
    }

    private static void AnalyzeCredentialArgument(IArgumentOperation argument, IMethodSymbol method, ISymbol? hint, IOperation leaf, string text, Action<Diagnostic> report)
    {
        var isAuthenticationHeader = CredentialTypes.IsAuthenticationHeaderValue(method.ContainingType);
        if (argument.Parameter is { } parameter
            && parameter.Type.SpecialType == SpecialType.System_String
            && !NonSecretCredentialParameters.Contains(parameter.Name)
            && (!isAuthenticationHeader || parameter.Ordinal == 1))
        {
            var variableSource = isAuthenticationHeader ? "token" : parameter.Name;
            ReportValue(leaf, text, new Sink("Credential", method.ContainingType.Name, hint ?? method, variableSource: variableSource), report);
        }
    }

    /// <summary>The value argument of <c>Add("x-api-key", value)</c> and its kin, with the credential name it is stored under.</summary>
    private static bool IsNameValuePair(IInvocationOperation invocation, IArgumentOperation argument, out string name)
    {
        name = string.Empty;
        var arguments = invocation.Arguments;
        if (arguments.Length < 2 || arguments[1] != argument || !NameValueMethods.Contains(invocation.TargetMethod.Name)
            || arguments[0].Value.ConstantValue is not { HasValue: true, Value: string first } || !CredentialNames.IsCredentialName(first))
        {
            return false;
        }

        name = first;
        return true;
    }

    private static bool AllowsBareKey(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null || SystemCollections.Contains(type.ContainingNamespace) || type.Name is "KeyValuePair" or "Tuple" or "ValueTuple")
        {
            return false;
        }

        return member is IMethodSymbol { MethodKind: MethodKind.Constructor }
            || ContainsAny(type.Name, "Client", "Credential", "Options", "Settings", "Config", "Auth")
            || ContainsAny(member.Name, "Client", "Credential", "Key", "Auth", "Chat", "Completion", "Embedding", "OpenAI", "Kernel");
    }

    private static bool ContainsAny(string text, params string[] parts)
    {
        foreach (var part in parts)
        {
            if (text.IndexOf(part, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAuthorizationName(string name) =>
        name.IndexOf("authorization", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The invocation or creation a credential object is passed to, e.g. <c>new OpenAIClient(new ApiKeyCredential(…))</c>.</summary>
    private static ISymbol? Hint(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IInvocationOperation invocation:
                    return invocation.TargetMethod;
                case IObjectCreationOperation creation:
                    return creation.Constructor;
                case IArgumentOperation or IConversionOperation:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A source const named like a credential is reported where it is declared, not at every use.</summary>
    private static bool IsReportedAtItsDeclaration(IOperation operation)
    {
        var symbol = operation switch
        {
            IFieldReferenceOperation { Field.IsConst: true } field => (ISymbol)field.Field,
            ILocalReferenceOperation { Local.IsConst: true } local => local.Local,
            _ => null,
        };
        return symbol is not null && !symbol.DeclaringSyntaxReferences.IsEmpty && CredentialNames.IsCredentialName(symbol.Name);
    }

    private static string ContextOf(Sink sink)
    {
        var context = sink.Name;
        for (var symbol = sink.Hint; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            context += " " + symbol.Name;
        }

        return context;
    }

    private static void ReportValue(IOperation leaf, string text, Sink sink, Action<Diagnostic> report)
    {
        if (text.Length < SecretShape.MinimumLength || IsReportedAtItsDeclaration(leaf))
        {
            return;
        }

        // The sink's name and the API it belongs to name context-only formats: MistralClient(apiKey: …).
        var matches = SecretMatcher.Default.FindAll(text, ContextOf(sink));
        foreach (var match in matches)
        {
            if (SecretMatchReporter.IsReportedOnBareText(match))
            {
                return; // KL1001–KL1003 report it wherever the value is written
            }
        }

        var location = leaf.Syntax.GetLocation();
        var reported = false;
        foreach (var match in matches)
        {
            if (SecretMatchReporter.IsReportedInCredentialContext(match))
            {
                report(SecretMatchReporter.Create(location, text, match));
                reported = true;
            }
        }

        var schemeLength = 0;
        var secret = sink.IsAuthorizationValue ? SecretShape.StripAuthScheme(text, out schemeLength) : text;
        if (reported || !SecretShape.LooksLikeSecret(secret))
        {
            return;
        }

        var hint = ProviderHints.For(sink.Hint);
        var variable = hint?.Variable ?? CredentialNames.ToEnvironmentVariable(sink.VariableSource);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[DiagnosticPropertyNames.EnvironmentVariable] = variable;
        properties[DiagnosticPropertyNames.Sink] = sink.Kind + " " + sink.Name;
        if (hint is { } known)
        {
            properties[DiagnosticPropertyNames.Provider] = known.Provider;
        }

        if (schemeLength > 0)
        {
            properties[DiagnosticPropertyNames.AuthorizationScheme] = text.Substring(0, schemeLength);
        }

        report(Diagnostic.Create(
            HardcodedSecretDescriptors.CredentialSink,
            location,
            properties.ToImmutable(),
            sink.Kind,
            sink.Name,
            GenericRedaction.Redact(secret.Trim()),
            variable));
    }

    /// <summary>The credential types, matched by name where they are used (see <see cref="KnownType"/> for why not by symbol).</summary>
    private static class CredentialTypes
    {
        private static readonly KnownType AuthenticationHeaderValue = new("System.Net.Http.Headers", "AuthenticationHeaderValue");

        private static readonly KnownType[] All =
        {
            new("System.ClientModel", "ApiKeyCredential"),
            new("Azure", "AzureKeyCredential"),
            new("Azure", "AzureNamedKeyCredential"),
            new("Azure", "AzureSasCredential"),
            AuthenticationHeaderValue,
        };

        public static bool Contains(ITypeSymbol? type) => KnownType.MatchesAny(All, type);

        public static bool IsAuthenticationHeaderValue(ITypeSymbol? type) => AuthenticationHeaderValue.Matches(type);
    }

    /// <summary>Where a value goes: what the message calls it, and the API that hints at the provider.</summary>
    private readonly struct Sink
    {
        public Sink(string kind, string name, ISymbol? hint, bool isAuthorizationValue = false, string? variableSource = null)
        {
            Kind = kind;
            Name = name;
            Hint = hint;
            IsAuthorizationValue = isAuthorizationValue;
            VariableSource = variableSource ?? name;
        }

        /// <summary>The name a variable is derived from when no provider is known, e.g. the parameter of a credential type.</summary>
        public string VariableSource { get; }

        public string Kind { get; }

        public string Name { get; }

        public ISymbol? Hint { get; }

        /// <summary>The value may start with an auth scheme (<c>Bearer …</c>) that is not part of the secret.</summary>
        public bool IsAuthorizationValue { get; }
    }
}
