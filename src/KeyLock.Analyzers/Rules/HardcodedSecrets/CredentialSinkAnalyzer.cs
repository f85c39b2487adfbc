using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using KeyLock.Analyzers.Detection;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1004: a constant, random-looking value flowing into a credential sink: a credential type
/// (<c>ApiKeyCredential</c>, <c>AzureKeyCredential</c>, <c>AuthenticationHeaderValue</c>…), a parameter named
/// like a key (<c>apiKey:</c>, <c>token:</c>, <c>key:</c> of a client), an auth header or a setting named like a
/// key (<c>headers.Add("x-api-key", …)</c>, <c>settings["OpenAI:ApiKey"] = …</c>), or a member, variable or
/// parameter default named like one (<c>ApiKey = "…"</c>). Values a catalog pattern recognizes on their own are
/// left to KL1001–KL1003; low-confidence patterns, which need exactly this context, are reported here under
/// their own rule.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialSinkAnalyzer : DiagnosticAnalyzer
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HardcodedSecretDescriptors.CredentialSink,
        HardcodedSecretDescriptors.ProviderKey,
        HardcodedSecretDescriptors.PrivateKey,
        HardcodedSecretDescriptors.ConnectionString);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        var sinks = new Sinks();
        context.RegisterOperationAction(sinks.AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(sinks.AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterOperationAction(sinks.AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(sinks.AnalyzeFieldInitializer, OperationKind.FieldInitializer);
        context.RegisterOperationAction(sinks.AnalyzePropertyInitializer, OperationKind.PropertyInitializer);
        context.RegisterOperationAction(sinks.AnalyzeParameterInitializer, OperationKind.ParameterInitializer);
        context.RegisterOperationAction(sinks.AnalyzeVariableDeclarator, OperationKind.VariableDeclarator);
        context.RegisterOperationAction(sinks.AnalyzeObjectCreation, OperationKind.ObjectCreation);
        // string → ApiKeyCredential through its implicit operator; the callback stops at "no user-defined operator".
        context.RegisterOperationAction(sinks.AnalyzeConversion, OperationKind.Conversion);
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

    private sealed class Sinks
    {
        private static readonly KnownNamespace SystemCollections = new("System.Collections");

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            // Most arguments are not strings; the type check is cheaper than reading constant values.
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter || argument.Parent is null || !MayHoldSecret(argument.Value))
            {
                return;
            }

            // Long constant strings are common (messages, templates); the parameter's name rules most of them out.
            if (!CredentialNames.IsCredentialName(parameter.Name, allowBareKey: true))
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

            // Credential types and credential-typed parameters are handled by the type-based actions.
            if (member is null || CredentialTypes.Contains(member.ContainingType))
            {
                return;
            }

            if (CredentialNames.IsCredentialName(parameter.Name) || AllowsBareKey(member))
            {
                var isAuthorization = parameter.Name.IndexOf("authorization", StringComparison.OrdinalIgnoreCase) >= 0;
                Evaluate(context, argument.Value, new Sink("Parameter", parameter.Name, member, isAuthorization));
            }
        }

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is { } constructor && CredentialTypes.Contains(constructor.ContainingType))
            {
                AnalyzeCredentialArguments(context, constructor, creation.Arguments, Hint(creation));
            }
        }

        public void AnalyzeConversion(OperationAnalysisContext context)
        {
            // string → ApiKeyCredential through the type's implicit operator: new ChatClient("gpt-4o", "…").
            var conversion = (IConversionOperation)context.Operation;
            if (conversion.OperatorMethod is { } method && CredentialTypes.Contains(method.ContainingType) && conversion.Operand.ConstantValue.HasValue)
            {
                Evaluate(context, conversion.Operand, new Sink("Credential", method.ContainingType.Name, Hint(conversion), variableSource: "key"));
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!AnyArgumentMayHoldSecret(invocation.Arguments))
            {
                return;
            }

            var method = invocation.TargetMethod;
            if (CredentialTypes.Contains(method.ContainingType))
            {
                // credential.Update("…")
                AnalyzeCredentialArguments(context, method, invocation.Arguments, Hint(invocation));
                return;
            }

            // headers.Add("x-api-key", "…"), settings.Add("OpenAI:ApiKey", "…"), { "ApiKey", "…" },
            // Environment.SetEnvironmentVariable("OPENAI_API_KEY", "…").
            if (invocation.Arguments.Length >= 2 && NameValueMethods.Contains(method.Name) && NameArgument(invocation.Arguments) is { } pair)
            {
                var kind = method.Name == "SetEnvironmentVariable" ? "Environment variable"
                    : method.Name.IndexOf("Header", StringComparison.Ordinal) >= 0 || method.ContainingType.Name.EndsWith("Headers", StringComparison.Ordinal) ? "Header"
                    : "Setting";
                Evaluate(context, pair.Value, new Sink(kind, pair.Name, null, IsAuthorizationName(pair.Name)));
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!MayHoldSecret(assignment.Value))
            {
                return;
            }

            switch (assignment.Target)
            {
                // settings["OpenAI:ApiKey"] = "…", request.Headers["x-api-key"] = "…", { ["ApiKey"] = "…" }
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                    when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name } && CredentialNames.IsCredentialName(name):
                    var kind = indexer.Property.ContainingType.Name.EndsWith("Headers", StringComparison.Ordinal) ? "Header" : "Setting";
                    Evaluate(context, assignment.Value, new Sink(kind, name, null, IsAuthorizationName(name)));
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    AnalyzeNamed(context, property.Property, assignment.Value);
                    break;
                case IFieldReferenceOperation field:
                    AnalyzeNamed(context, field.Field, assignment.Value);
                    break;
                case ILocalReferenceOperation local:
                    AnalyzeNamed(context, local.Local, assignment.Value);
                    break;
                case IParameterReferenceOperation parameter:
                    AnalyzeNamed(context, parameter.Parameter, assignment.Value);
                    break;
            }
        }

        public void AnalyzeFieldInitializer(OperationAnalysisContext context)
        {
            var initializer = (IFieldInitializerOperation)context.Operation;
            if (!initializer.InitializedFields.IsEmpty && MayHoldSecret(initializer.Value))
            {
                AnalyzeNamed(context, initializer.InitializedFields[0], initializer.Value);
            }
        }

        public void AnalyzePropertyInitializer(OperationAnalysisContext context)
        {
            var initializer = (IPropertyInitializerOperation)context.Operation;
            if (!initializer.InitializedProperties.IsEmpty && MayHoldSecret(initializer.Value))
            {
                AnalyzeNamed(context, initializer.InitializedProperties[0], initializer.Value);
            }
        }

        public void AnalyzeParameterInitializer(OperationAnalysisContext context)
        {
            var initializer = (IParameterInitializerOperation)context.Operation;
            if (MayHoldSecret(initializer.Value))
            {
                AnalyzeNamed(context, initializer.Parameter, initializer.Value);
            }
        }

        public void AnalyzeVariableDeclarator(OperationAnalysisContext context)
        {
            var declarator = (IVariableDeclaratorOperation)context.Operation;
            if (declarator.Initializer is { } initializer && MayHoldSecret(initializer.Value))
            {
                AnalyzeNamed(context, declarator.Symbol, initializer.Value);
            }
        }

        private void AnalyzeNamed(OperationAnalysisContext context, ISymbol target, IOperation value)
        {
            var type = target switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };

            if (CredentialTypes.Contains(type))
            {
                return; // the conversion into the credential type reports it
            }

            if (CredentialNames.IsCredentialName(target.Name))
            {
                var kind = target switch
                {
                    IFieldSymbol => "Field",
                    IPropertySymbol => "Property",
                    IParameterSymbol => "Parameter",
                    _ => "Variable",
                };
                Evaluate(context, value, new Sink(kind, target.Name, target, IsAuthorizationName(target.Name)));
            }
        }

        private void AnalyzeCredentialArguments(OperationAnalysisContext context, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, ISymbol? hint)
        {
            var isAuthenticationHeader = CredentialTypes.IsAuthenticationHeaderValue(method.ContainingType);
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && !NonSecretCredentialParameters.Contains(parameter.Name)
                    && (!isAuthenticationHeader || parameter.Ordinal == 1))
                {
                    var variableSource = isAuthenticationHeader ? "token" : parameter.Name;
                    Evaluate(context, argument.Value, new Sink("Credential", method.ContainingType.Name, hint ?? method, variableSource: variableSource));
                }
            }
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

        private static bool AnyArgumentMayHoldSecret(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (MayHoldSecret(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAuthorizationName(string name) =>
            name.IndexOf("authorization", StringComparison.OrdinalIgnoreCase) >= 0;

        private static (string Name, IOperation Value)? NameArgument(ImmutableArray<IArgumentOperation> arguments)
        {
            var first = arguments[0];
            if (first.Value.ConstantValue is { HasValue: true, Value: string name } && CredentialNames.IsCredentialName(name))
            {
                return (name, arguments[1].Value);
            }

            return null;
        }

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
    }

    /// <summary>
    /// The cheap gate every sink callback checks before any symbol or name work: can <paramref name="value"/> be a
    /// constant string long enough to be a secret? Follows the same conversions and branches as <see cref="Evaluate"/>.
    /// Almost every argument, assignment and initializer in real code fails it.
    /// </summary>
    private static bool MayHoldSecret(IOperation? value, int depth = 0)
    {
        if (value is null || depth > 32)
        {
            return false;
        }

        if (value.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is string { Length: >= SecretShape.MinimumLength };
        }

        return value switch
        {
            IConversionOperation conversion => MayHoldSecret(conversion.Operand, depth + 1),
            IConditionalOperation conditional => MayHoldSecret(conditional.WhenTrue, depth + 1) || MayHoldSecret(conditional.WhenFalse, depth + 1),
            ICoalesceOperation coalesce => MayHoldSecret(coalesce.WhenNull, depth + 1),
            _ => false,
        };
    }

    /// <summary>Reports the constant values <paramref name="value"/> can take (branches of <c>?:</c> and <c>??</c> included).</summary>
    private static void Evaluate(OperationAnalysisContext context, IOperation value, Sink sink)
    {
        var pending = new Stack<IOperation>();
        pending.Push(value);
        while (pending.Count > 0 && pending.Count < 64)
        {
            var operation = pending.Pop();
            switch (operation)
            {
                case IConversionOperation conversion when !conversion.ConstantValue.HasValue || conversion.IsImplicit:
                    pending.Push(conversion.Operand);
                    continue;
                case IConditionalOperation { WhenFalse: not null } conditional when !conditional.ConstantValue.HasValue:
                    pending.Push(conditional.WhenFalse);
                    pending.Push(conditional.WhenTrue);
                    continue;
                case ICoalesceOperation coalesce:
                    pending.Push(coalesce.WhenNull);
                    continue;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string text } && !IsReportedAtItsDeclaration(operation))
            {
                ReportValue(context, operation, text, sink);
            }
        }
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

    private static void ReportValue(OperationAnalysisContext context, IOperation operation, string text, Sink sink)
    {
        if (text.Length < SecretShape.MinimumLength)
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

        var location = operation.Syntax.GetLocation();
        var reported = false;
        foreach (var match in matches)
        {
            if (SecretMatchReporter.IsReportedInCredentialContext(match))
            {
                context.ReportDiagnostic(SecretMatchReporter.Create(location, text, match));
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

        context.ReportDiagnostic(Diagnostic.Create(
            HardcodedSecretDescriptors.CredentialSink,
            location,
            properties.ToImmutable(),
            sink.Kind,
            sink.Name,
            GenericRedaction.Redact(secret.Trim()),
            variable));
    }
}
