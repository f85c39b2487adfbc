using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>Where a value must not go. The label is what messages say.</summary>
internal enum SinkKind
{
    Logging,
    Serialization,
    File,
    Http,
    Exception,
    Telemetry,
}

/// <summary>A value that reaches a sink: the value's operation, what kind of sink, and the member (e.g. <c>Console.WriteLine</c>).</summary>
internal readonly struct SinkUse
{
    public SinkUse(IOperation value, SinkKind kind, string member)
    {
        Value = value;
        Kind = kind;
        Member = member;
    }

    public IOperation Value { get; }

    public SinkKind Kind { get; }

    public string Member { get; }

    public string Label => Kind switch
    {
        SinkKind.Logging => "logging",
        SinkKind.Serialization => "serialization",
        SinkKind.File => "a file or stream",
        SinkKind.Http => "an HTTP request",
        SinkKind.Exception => "an exception",
        _ => "telemetry",
    };
}

/// <summary>
/// The sinks, resolved once per compilation: logging (<c>Microsoft.Extensions.Logging</c>, <c>[LoggerMessage]</c>
/// methods, Serilog, <c>Console</c>, <c>Debug</c>, <c>Trace</c>, <c>TraceSource</c>), serialization
/// (<c>JsonSerializer.Serialize*</c>, Newtonsoft <c>JsonConvert.SerializeObject</c>, <c>XmlSerializer.Serialize</c>),
/// files and streams (<c>File.Write*/Append*</c>, any <c>TextWriter.Write*</c>), HTTP content (<c>StringContent</c>,
/// <c>ByteArrayContent</c>, <c>FormUrlEncodedContent</c>, <c>JsonContent.Create</c>, <c>PostAsJsonAsync</c>…),
/// exceptions (constructor arguments, <c>Exception.Data</c>) and telemetry (<c>Activity.SetTag/AddTag/SetBaggage/AddBaggage</c>).
/// Types are matched by metadata name; those absent from the compilation simply never match.
/// </summary>
internal sealed class SecretSinks
{
    private readonly INamedTypeSymbol? _console;
    private readonly INamedTypeSymbol? _debug;
    private readonly INamedTypeSymbol? _trace;
    private readonly INamedTypeSymbol? _traceSource;
    private readonly INamedTypeSymbol? _file;
    private readonly INamedTypeSymbol? _textWriter;
    private readonly INamedTypeSymbol? _jsonSerializer;
    private readonly INamedTypeSymbol? _newtonsoftConvert;
    private readonly INamedTypeSymbol? _xmlSerializer;
    private readonly INamedTypeSymbol? _httpContent;
    private readonly INamedTypeSymbol? _jsonContent;
    private readonly INamedTypeSymbol? _httpClientJson;
    private readonly INamedTypeSymbol? _exception;
    private readonly INamedTypeSymbol? _activity;

    public SecretSinks(Compilation compilation)
    {
        _console = compilation.GetTypeByMetadataName("System.Console");
        _debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
        _trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
        _traceSource = compilation.GetTypeByMetadataName("System.Diagnostics.TraceSource");
        _file = compilation.GetTypeByMetadataName("System.IO.File");
        _textWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
        _jsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
        _newtonsoftConvert = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonConvert");
        _xmlSerializer = compilation.GetTypeByMetadataName("System.Xml.Serialization.XmlSerializer");
        _httpContent = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
        _jsonContent = compilation.GetTypeByMetadataName("System.Net.Http.Json.JsonContent");
        _httpClientJson = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
        _exception = compilation.GetTypeByMetadataName("System.Exception");
        _activity = compilation.GetTypeByMetadataName("System.Diagnostics.Activity");
    }

    /// <summary>The values that <paramref name="operation"/> hands to a sink of one of <paramref name="kinds"/>.</summary>
    public IEnumerable<SinkUse> ValuesReaching(IOperation operation, SinkKind[] kinds)
    {
        switch (operation)
        {
            case IInvocationOperation invocation when Classify(invocation) is { } kind && Array.IndexOf(kinds, kind) >= 0:
                var member = MemberName(invocation.TargetMethod);
                foreach (var value in ArgumentValues(invocation.Arguments))
                {
                    yield return new SinkUse(value, kind, member);
                }

                break;

            case IObjectCreationOperation { Constructor: not null } creation when ClassifyCreation(creation.Constructor.ContainingType) is { } kind && Array.IndexOf(kinds, kind) >= 0:
                foreach (var value in ArgumentValues(creation.Arguments))
                {
                    yield return new SinkUse(value, kind, "new " + creation.Constructor.ContainingType.Name);
                }

                break;

            // exception.Data["env"] = value
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } assignment
                when Array.IndexOf(kinds, SinkKind.Exception) >= 0 && IsExceptionData(indexer.Instance):
                yield return new SinkUse(assignment.Value, SinkKind.Exception, "Exception.Data");
                break;
        }
    }

    /// <summary>Arguments as values, with <c>params</c> arrays opened so each element is its own value.</summary>
    public static IEnumerable<IOperation> ArgumentValues(IEnumerable<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    yield return element;
                }
            }
            else
            {
                yield return argument.Value;
            }
        }
    }

    private SinkKind? Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;

        if (ns == "Microsoft.Extensions.Logging" || ns == "Serilog" || ns.StartsWith("Serilog.", StringComparison.Ordinal)
            || Is(type, _console) || Is(type, _debug) || Is(type, _trace) || Is(type, _traceSource)
            || method.GetAttributes().Any(a => a.AttributeClass?.Name == "LoggerMessageAttribute"))
        {
            return SinkKind.Logging;
        }

        if ((Is(type, _jsonSerializer) && method.Name.StartsWith("Serialize", StringComparison.Ordinal))
            || (Is(type, _newtonsoftConvert) && method.Name == "SerializeObject")
            || (Is(type, _xmlSerializer) && method.Name == "Serialize"))
        {
            return SinkKind.Serialization;
        }

        if ((Is(type, _file) && (method.Name.StartsWith("Write", StringComparison.Ordinal) || method.Name.StartsWith("Append", StringComparison.Ordinal)))
            || (DerivesFrom(type, _textWriter) && method.Name.StartsWith("Write", StringComparison.Ordinal)))
        {
            return SinkKind.File;
        }

        if ((Is(type, _jsonContent) && method.Name == "Create")
            || (Is(type, _httpClientJson) && method.Name.EndsWith("AsJsonAsync", StringComparison.Ordinal)))
        {
            return SinkKind.Http;
        }

        if (Is(type, _activity) && method.Name is "SetTag" or "AddTag" or "SetBaggage" or "AddBaggage")
        {
            return SinkKind.Telemetry;
        }

        if (method.Name == "Add" && IsExceptionData(invocation.Instance))
        {
            return SinkKind.Exception;
        }

        return null;
    }

    private SinkKind? ClassifyCreation(INamedTypeSymbol type) =>
        DerivesFrom(type, _exception) ? SinkKind.Exception
        : DerivesFrom(type, _httpContent) ? SinkKind.Http
        : null;

    private bool IsExceptionData(IOperation? operation) =>
        operation is IPropertyReferenceOperation { Property.Name: "Data" } data && DerivesFrom(data.Property.ContainingType, _exception);

    private static string MemberName(IMethodSymbol method)
    {
        // logger.LogInformation(…) is an extension of ILogger: name it by what the user wrote on.
        var owner = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type.Name : method.ContainingType.Name;
        return owner + "." + method.Name;
    }

    private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? target) =>
        target is not null && SymbolEqualityComparer.Default.Equals(type, target);

    private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
