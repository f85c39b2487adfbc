using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// A small, flow-insensitive taint walker over the operations of one method body (with its lambdas and
/// local functions). It answers "can this expression hold a value from a source?" for the
/// secret-handling rules.
/// </summary>
/// <remarks>
/// <para>What it follows, and nothing more:</para>
/// <list type="bullet">
/// <item>locals and parameters assigned from a tainted expression (declarations, <c>=</c>, <c>+=</c>, <c>??=</c>);</item>
/// <item><c>foreach</c> iteration variables (also deconstructed <c>var (name, value)</c>) over a tainted collection;</item>
/// <item>LINQ (<c>System.Linq.Enumerable</c>): lambda parameters get the element, <c>Select</c>/<c>Where</c>/<c>ToList</c>/… keep or map the taint;
///   a <c>Where</c> that tests the name against a fixed list, constants or a prefix (an allowlist) clears it;</item>
/// <item>text: interpolation, <c>+</c>, <c>string.Join/Concat/Format</c>, <c>ToString()</c>, <c>StringBuilder</c>, <c>Encoding.GetBytes</c>, <c>Convert</c>;</item>
/// <item>collections filled from a tainted value (<c>Add</c>, indexer assignment, copy constructors);</item>
/// <item>arguments of local functions declared in the same method flow into their parameters.</item>
/// </list>
/// <para>
/// Calls to any other method (your own <c>Redact(value)</c>, a hash, a mask) end the flow: that is what
/// makes redaction compliant, and what keeps the walker cheap and quiet. Fields, other methods and
/// order of statements are not tracked. The walk repeats until nothing changes (a few passes at most),
/// and it only runs in a method that reads a source at all.
/// </para>
/// </remarks>
internal sealed class TaintFlow
{
    private const int MaxPasses = 8;

    private static readonly KnownType Enumerable = new("System.Linq", "Enumerable");
    private static readonly KnownType StringBuilder = new("System.Text", "StringBuilder");
    private static readonly KnownType Convert = new("System", "Convert");
    private static readonly KnownType Encoding = new("System.Text", "Encoding");
    private static readonly KnownType Utf8Encoding = new("System.Text", "UTF8Encoding");
    private static readonly KnownType JsonSerializer = new("System.Text.Json", "JsonSerializer");
    private static readonly KnownType NewtonsoftConvert = new("Newtonsoft.Json", "JsonConvert");
    private static readonly KnownNamespace Collections = new("System.Collections");

    private readonly Func<IOperation, TaintedValue> _source;
    private readonly Dictionary<ISymbol, TaintedValue> _symbols = new(SymbolEqualityComparer.Default);
    private bool _changed;

    /// <summary>For each lambda passed to LINQ or <c>List&lt;T&gt;.ForEach</c>: the collection whose elements its first parameter receives.</summary>
    private readonly Dictionary<ISymbol, IOperation> _lambdaSources = new(SymbolEqualityComparer.Default);

    private TaintFlow(ImmutableArray<IOperation> blocks, Func<IOperation, TaintedValue> source)
    {
        _source = source;
        Operations = blocks.SelectMany(block => block.DescendantsAndSelf()).ToImmutableArray();
        foreach (var invocation in Operations.OfType<IInvocationOperation>())
        {
            var method = invocation.TargetMethod;
            var elementSource = IsEnumerable(method.ContainingType) ? Argument(invocation, 0)
                : method.Name == "ForEach" ? invocation.Instance
                : null;
            if (elementSource is null)
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (Lambda(argument.Value) is { Symbol.Parameters.Length: > 0 } lambda)
                {
                    _lambdaSources[lambda.Symbol.Parameters[0]] = elementSource;
                }
            }
        }
    }

    /// <summary>Every operation of the analyzed blocks, in tree order.</summary>
    public ImmutableArray<IOperation> Operations { get; }

    /// <summary>Runs the walker to a fixed point over <paramref name="blocks"/>.</summary>
    public static TaintFlow Analyze(ImmutableArray<IOperation> blocks, Func<IOperation, TaintedValue> source, CancellationToken cancellationToken)
    {
        var flow = new TaintFlow(blocks, source);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            flow._changed = false;
            foreach (var operation in flow.Operations)
            {
                flow.Propagate(operation);
            }

            if (!flow._changed)
            {
                break;
            }
        }

        return flow;
    }

    /// <summary>What <paramref name="operation"/> can hold.</summary>
    public TaintedValue Evaluate(IOperation? operation)
    {
        if (operation is null)
        {
            return TaintedValue.Clean;
        }

        var fromSource = _source(operation);
        if (!fromSource.IsClean)
        {
            return fromSource;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Lookup(local.Local);
            case IParameterReferenceOperation parameter:
                return Lookup(parameter.Parameter);
            case IConversionOperation conversion:
                return IsScalar(conversion.Type) ? TaintedValue.Clean : Evaluate(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return Evaluate(parenthesized.Operand);
            case IAwaitOperation awaited:
                return Evaluate(awaited.Operation);
            case IArgumentOperation argument:
                return Evaluate(argument.Value);
            case ICoalesceOperation coalesce:
                return Evaluate(coalesce.Value).Union(Evaluate(coalesce.WhenNull));
            case IConditionalOperation { WhenFalse: not null } conditional:
                return Evaluate(conditional.WhenTrue).Union(Evaluate(conditional.WhenFalse));
            case IConditionalAccessOperation conditionalAccess:
                return Evaluate(conditionalAccess.WhenNotNull);
            case IConditionalAccessInstanceOperation instance:
                return EvaluateConditionalInstance(instance);
            case ISimpleAssignmentOperation assignment:
                return Evaluate(assignment.Value);
            case IInterpolatedStringOperation interpolated:
                return AsText(InterpolatedValues(interpolated));
            case IInterpolatedStringHandlerCreationOperation handler:
                return Evaluate(handler.Content);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return AsText(new[] { binary.LeftOperand, binary.RightOperand });
            case ITupleOperation tuple:
                return AsText(tuple.Elements);
            case IAnonymousObjectCreationOperation anonymous:
                return AsText(anonymous.Initializers);
            case IArrayCreationOperation { Initializer: not null } array:
                var elements = Union(array.Initializer.ElementValues);
                return elements.With(elements.Taint.Collection());
            case IPropertyReferenceOperation property:
                return EvaluateProperty(property);
            case IInvocationOperation invocation:
                return EvaluateInvocation(invocation);
            case IObjectCreationOperation creation:
                return EvaluateCreation(creation);
            default:
                return TaintedValue.Clean;
        }
    }

    /// <summary>
    /// True when <paramref name="condition"/> lets only fixed names through: <c>allowed.Contains(name)</c>,
    /// <c>name == "PATH"</c>, <c>name is "PATH" or "HOME"</c>, <c>name.StartsWith("DOTNET_")</c>, or a
    /// conjunction with one of those. A negation (a denylist) is not an allowlist.
    /// </summary>
    public bool IsAllowlistTest(IOperation? condition)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return IsAllowlistTest(and.LeftOperand) || IsAllowlistTest(and.RightOperand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                return IsAllowlistTest(or.LeftOperand) && IsAllowlistTest(or.RightOperand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return (IsName(equals.LeftOperand) && equals.RightOperand.ConstantValue.HasValue)
                    || (IsName(equals.RightOperand) && equals.LeftOperand.ConstantValue.HasValue);
            case IIsPatternOperation pattern:
                return IsName(pattern.Value) && IsConstantPattern(pattern.Pattern);
            case IInvocationOperation invocation:
                switch (invocation.TargetMethod.Name)
                {
                    case "Contains":
                    case "ContainsKey":
                        var collection = invocation.Instance ?? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                        var item = invocation.Instance is null
                            ? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value
                            : invocation.Arguments.FirstOrDefault()?.Value;
                        return IsName(item) && Evaluate(collection).IsClean;
                    case "StartsWith":
                    case "Equals":
                        return IsName(invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value)
                            && invocation.Arguments.Any(a => a.Value.ConstantValue.HasValue && a.Value.ConstantValue.Value is string);
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    /// <summary>True when <paramref name="operation"/> sits in the true branch of an <c>if</c> that is an allowlist test.</summary>
    public bool IsGuardedByAllowlist(IOperation operation)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && ReferenceEquals(conditional.WhenTrue, child) && IsAllowlistTest(conditional.Condition))
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    private void Propagate(IOperation operation)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation { Initializer: not null } declarator:
                Assign(declarator.Symbol, Evaluate(declarator.Initializer.Value));
                break;
            case ISimpleAssignmentOperation assignment:
                AssignTo(assignment.Target, Evaluate(assignment.Value));
                break;
            case ICompoundAssignmentOperation compound:
                var appended = Evaluate(compound.Value);
                AssignTo(compound.Target, appended.With(appended.Taint.AsText()));
                break;
            case ICoalesceAssignmentOperation coalesce:
                AssignTo(coalesce.Target, Evaluate(coalesce.Value));
                break;
            case IForEachLoopOperation loop:
                AssignLoopVariable(loop.LoopControlVariable, Evaluate(loop.Collection));
                break;
            case IInvocationOperation invocation:
                PropagateInvocation(invocation);
                break;
        }
    }

    private void PropagateInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;

        // A helper declared in the same method: its parameters receive what the call passes.
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not null)
                {
                    Assign(argument.Parameter.OriginalDefinition, Evaluate(argument.Value));
                }
            }

            return;
        }

        // LINQ and List<T>.ForEach lambdas are looked up on demand (see Lookup), so that a Where's
        // allowlist test sees its parameter's taint the first time it is evaluated.
        if (IsEnumerable(method.ContainingType))
        {
            return;
        }

        // Filling a local collection or builder: list.Add(value), dict.Add(name, value), sb.Append(value).
        if (invocation.Instance is ILocalReferenceOperation or IParameterReferenceOperation && !method.IsStatic)
        {
            var filled = Filled(invocation);
            if (!filled.IsClean)
            {
                AssignTo(invocation.Instance, filled);
            }
        }
    }

    private TaintedValue Filled(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        if (IsStringBuilder(invocation.TargetMethod.ContainingType))
        {
            return name.StartsWith("Append", StringComparison.Ordinal) || name == "Insert"
                ? AsText(invocation.Arguments.Select(a => a.Value))
                : TaintedValue.Clean;
        }

        switch (name)
        {
            case "Add":
            case "TryAdd":
            case "Push":
            case "Enqueue":
            case "Insert":
                if (invocation.Arguments.Length >= 2)
                {
                    var value = Evaluate(invocation.Arguments[invocation.Arguments.Length - 1].Value);
                    return value.Taint.Exposes() ? value.With(Taint.Entries) : value.With(value.Taint.Collection());
                }

                var item = invocation.Arguments.Length == 1 ? Evaluate(invocation.Arguments[0].Value) : TaintedValue.Clean;
                return item.With(item.Taint.Collection());
            case "AddRange":
            case "UnionWith":
                return invocation.Arguments.Length == 1 ? Evaluate(invocation.Arguments[0].Value) : TaintedValue.Clean;
            default:
                return TaintedValue.Clean;
        }
    }

    private void AssignTo(IOperation target, TaintedValue value)
    {
        if (value.IsClean)
        {
            return;
        }

        switch (target)
        {
            case ILocalReferenceOperation local:
                Assign(local.Local, value);
                break;
            case IParameterReferenceOperation parameter:
                Assign(parameter.Parameter, value);
                break;

            // copy[name] = value: the local dictionary now holds environment values.
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation or IParameterReferenceOperation } indexer:
                AssignTo(indexer.Instance!, value.Taint.Exposes() ? value.With(Taint.Entries) : value.With(value.Taint.Collection()));
                break;
            case IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array }:
                Assign(array.Local, value.With(value.Taint.Collection()));
                break;
        }
    }

    private void AssignLoopVariable(IOperation loopVariable, TaintedValue collection)
    {
        if (collection.IsClean)
        {
            return;
        }

        var element = collection.With(collection.Taint.Element());
        switch (loopVariable)
        {
            case IVariableDeclaratorOperation declarator:
                Assign(declarator.Symbol, element);
                break;
            case ILocalReferenceOperation local:
                Assign(local.Local, element);
                break;

            // foreach (var (name, value) in pairs)
            case IDeclarationExpressionOperation { Expression: ITupleOperation tuple }:
                for (var i = 0; i < tuple.Elements.Length; i++)
                {
                    var part = (element.Taint & Taint.Entry) != 0
                        ? element.With(i == 0 ? Taint.Name : Taint.Value)
                        : element;
                    AssignTo(tuple.Elements[i], part);
                }

                break;
        }
    }

    private void Assign(ISymbol symbol, TaintedValue value)
    {
        if (value.IsClean)
        {
            return;
        }

        _symbols.TryGetValue(symbol, out var existing);
        var merged = existing.Union(value);
        if (merged.Taint != existing.Taint)
        {
            _symbols[symbol] = merged;
            _changed = true;
        }
    }

    private TaintedValue Lookup(ISymbol symbol)
    {
        if (_lambdaSources.TryGetValue(symbol, out var elementSource))
        {
            var collection = Evaluate(elementSource);
            return collection.With(collection.Taint.Element());
        }

        return _symbols.TryGetValue(symbol, out var value) ? value
            : symbol is IParameterSymbol parameter && _symbols.TryGetValue(parameter.OriginalDefinition, out value) ? value
            : TaintedValue.Clean;
    }

    private TaintedValue EvaluateProperty(IPropertyReferenceOperation reference)
    {
        var instance = Evaluate(reference.Instance);
        if (instance.IsClean)
        {
            return TaintedValue.Clean;
        }

        var taint = instance.Taint;
        var result = Taint.None;
        if (reference.Property.IsIndexer)
        {
            // env[name] with a name taken from the environment itself yields a value; env["PATH"] is one fixed read.
            if ((taint & Taint.Entries) != 0 && reference.Arguments.Any(a => IsName(a.Value)))
            {
                result |= Taint.Value;
            }

            // values[i], names[i]
            result |= (taint & (Taint.Values | Taint.Names)).Element();
            return instance.With(result);
        }

        switch (reference.Property.Name)
        {
            case "Key":
            case "Name":
                result = (taint & Taint.Entry) != 0 ? Taint.Name : Taint.None;
                break;
            case "Value":
                result = (taint & Taint.Entry) != 0 ? Taint.Value : Taint.None;
                break;
            case "Keys":
                result = (taint & Taint.Entries) != 0 ? Taint.Names : Taint.None;
                break;
            case "Values":
                result = (taint & Taint.Entries) != 0 ? Taint.Values : Taint.None;
                break;
        }

        return instance.With(result);
    }

    private TaintedValue EvaluateInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (IsScalar(method.ReturnType) || method.MethodKind == MethodKind.LocalFunction)
        {
            return TaintedValue.Clean;
        }

        var type = method.ContainingType;
        if (IsEnumerable(type))
        {
            return EvaluateLinq(invocation);
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            // A prefix or a slice is how keys are usually masked: treat it as a redaction.
            return method.IsStatic ? AsText(invocation.Arguments.Select(a => a.Value))
                : method.Name is "Substring" or "Remove" ? TaintedValue.Clean
                : AsText(new[] { invocation.Instance! });
        }

        if (method.Name == "ToString" && invocation.Instance is not null)
        {
            return AsText(new[] { invocation.Instance });
        }

        if (IsStringBuilder(type))
        {
            return Evaluate(invocation.Instance).Union(AsText(invocation.Arguments.Select(a => a.Value)));
        }

        // Serialized text, bytes and base64 still hold every value that went in.
        if (Convert.Matches(type) || Encoding.Matches(type) || Utf8Encoding.Matches(type)
            || (JsonSerializer.Matches(type) && method.Name.StartsWith("Serialize", StringComparison.Ordinal))
            || (NewtonsoftConvert.Matches(type) && method.Name == "SerializeObject"))
        {
            return AsText(invocation.Arguments.Select(a => a.Value));
        }

        if (invocation.Instance is not null && IsCollectionType(type) && (method.Name.StartsWith("To", StringComparison.Ordinal) || method.Name is "Clone" or "GetRange"))
        {
            return Evaluate(invocation.Instance);
        }

        return TaintedValue.Clean;
    }

    private TaintedValue EvaluateLinq(IInvocationOperation invocation)
    {
        var source = Evaluate(Argument(invocation, 0));
        var lambdas = invocation.Arguments.Select(a => Lambda(a.Value)).Where(l => l is not null).ToArray();
        switch (invocation.TargetMethod.Name)
        {
            case "Where":
            case "TakeWhile":
            case "SkipWhile":
                return lambdas.Length == 1 && IsAllowlistTest(Returned(lambdas[0]!).FirstOrDefault()) ? TaintedValue.Clean : source;
            case "Select":
                return lambdas.Length == 1 ? ReturnTaint(lambdas[0]!).With(ReturnTaint(lambdas[0]!).Taint.Collection()) : TaintedValue.Clean;
            case "SelectMany":
                return lambdas.Length >= 1 ? ReturnTaint(lambdas[lambdas.Length - 1]!) : TaintedValue.Clean;
            case "ToDictionary":
            case "ToLookup":
            case "GroupBy":
                if (lambdas.Length >= 2)
                {
                    var element = ReturnTaint(lambdas[1]!);
                    return element.Taint.Exposes() ? element.With(Taint.Entries) : TaintedValue.Clean;
                }

                return source;
            case "First":
            case "FirstOrDefault":
            case "Last":
            case "LastOrDefault":
            case "Single":
            case "SingleOrDefault":
            case "ElementAt":
            case "ElementAtOrDefault":
            case "Min":
            case "Max":
            case "Aggregate":
                return source.With(source.Taint.Element());
            default:
                // Cast, OfType, ToList, ToArray, OrderBy, Distinct, Take, Skip, Concat, Append, AsEnumerable…
                return Union(invocation.Arguments.Where(a => Lambda(a.Value) is null).Select(a => a.Value));
        }
    }

    private TaintedValue EvaluateCreation(IObjectCreationOperation creation)
    {
        var type = creation.Type as INamedTypeSymbol;
        if (type is null)
        {
            return TaintedValue.Clean;
        }

        if (IsStringBuilder(type))
        {
            return AsText(creation.Arguments.Select(a => a.Value));
        }

        // new Dictionary<string, string>(copy), new List<string>(values), new KeyValuePair<,>(name, value)
        if (IsCollectionType(type))
        {
            var arguments = Union(creation.Arguments.Select(a => a.Value));
            var initializer = creation.Initializer is null ? TaintedValue.Clean : EvaluateInitializer(creation.Initializer);
            return arguments.Union(initializer);
        }

        if (type.Name is "KeyValuePair" or "DictionaryEntry")
        {
            var value = creation.Arguments.Length == 2 ? Evaluate(creation.Arguments[1].Value) : TaintedValue.Clean;
            return value.Taint.Exposes() ? value.With(Taint.Entry) : TaintedValue.Clean;
        }

        return TaintedValue.Clean;
    }

    private TaintedValue EvaluateInitializer(IObjectOrCollectionInitializerOperation initializer)
    {
        var result = TaintedValue.Clean;
        foreach (var element in initializer.Initializers)
        {
            switch (element)
            {
                case IInvocationOperation add:
                    var value = Union(add.Arguments.Select(a => a.Value));
                    result = result.Union(value.Taint.Exposes() ? value.With(Taint.Entries) : value.With(value.Taint.Collection()));
                    break;
                case ISimpleAssignmentOperation assignment:
                    var assigned = Evaluate(assignment.Value);
                    result = result.Union(assigned.Taint.Exposes() ? assigned.With(Taint.Entries) : TaintedValue.Clean);
                    break;
            }
        }

        return result;
    }

    private TaintedValue EvaluateConditionalInstance(IConditionalAccessInstanceOperation instance)
    {
        for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access)
            {
                return Evaluate(access.Operation);
            }
        }

        return TaintedValue.Clean;
    }

    /// <summary>The expressions of the holes, whether the string is plain or built by a handler (<c>sb.Append($"…")</c>).</summary>
    internal static IEnumerable<IOperation> InterpolatedValues(IInterpolatedStringOperation interpolated)
    {
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolationOperation hole:
                    yield return hole.Expression;
                    break;
                case IInterpolatedStringAppendOperation { Kind: OperationKind.InterpolatedStringAppendFormatted, AppendCall: IInvocationOperation call }
                    when call.Arguments.Length > 0:
                    yield return call.Arguments[0].Value;
                    break;
            }
        }
    }

    private TaintedValue ReturnTaint(IAnonymousFunctionOperation lambda) => Union(Returned(lambda));

    private static IEnumerable<IOperation> Returned(IAnonymousFunctionOperation lambda) =>
        lambda.Body.Descendants()
            .OfType<IReturnOperation>()
            .Where(r => r.ReturnedValue is not null && EnclosingLambda(r) == lambda)
            .Select(r => r.ReturnedValue!);

    private static IAnonymousFunctionOperation? EnclosingLambda(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda)
            {
                return lambda;
            }
        }

        return null;
    }

    private TaintedValue AsText(IEnumerable<IOperation> parts)
    {
        var union = Union(parts);
        return union.With(union.Taint.AsText());
    }

    private TaintedValue Union(IEnumerable<IOperation> operations)
    {
        var result = TaintedValue.Clean;
        foreach (var operation in operations)
        {
            result = result.Union(Evaluate(operation));
        }

        return result;
    }

    private bool IsName(IOperation? operation)
    {
        var taint = Evaluate(operation).Taint;
        return (taint & Taint.Name) != 0 && !taint.Exposes();
    }

    private static bool IsConstantPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation => true,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsConstantPattern(or.LeftPattern) && IsConstantPattern(or.RightPattern),
        _ => false,
    };

    private static IOperation? Argument(IInvocationOperation invocation, int ordinal) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal)?.Value;

    private static IAnonymousFunctionOperation? Lambda(IOperation? operation) => Unwrap(operation) switch
    {
        IAnonymousFunctionOperation lambda => lambda,
        IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
        _ => null,
    };

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    private static bool IsScalar(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.TypeKind == TypeKind.Enum || type.SpecialType switch
        {
            SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
                or SpecialType.System_Decimal or SpecialType.System_Void => true,
            _ => false,
        };
    }

    private static bool IsEnumerable(INamedTypeSymbol? type) => Enumerable.Matches(type);

    private static bool IsStringBuilder(INamedTypeSymbol? type) => StringBuilder.Matches(type);

    private static bool IsCollectionType(INamedTypeSymbol? type) => type is not null && Collections.Contains(type.ContainingNamespace);
}
