using System;
using System.Collections.Generic;
using System.Linq;
using KeyLock.Analyzers.Detection;
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
/// The sinks: logging (<c>Microsoft.Extensions.Logging</c>, <c>[LoggerMessage]</c>
/// methods, Serilog, <c>Console</c>, <c>Debug</c>, <c>Trace</c>, <c>TraceSource</c>), serialization
/// (<c>JsonSerializer.Serialize*</c>, Newtonsoft <c>JsonConvert.SerializeObject</c>, <c>XmlSerializer.Serialize</c>),
/// files and streams (<c>File.Write*/Append*</c>, any <c>TextWriter.Write*</c>), HTTP content (<c>StringContent</c>,
/// <c>ByteArrayContent</c>, <c>FormUrlEncodedContent</c>, <c>JsonContent.Create</c>, <c>PostAsJsonAsync</c>…),
/// exceptions (constructor arguments, <c>Exception.Data</c>) and telemetry (<c>Activity.SetTag/AddTag/SetBaggage/AddBaggage</c>).
/// Types are matched by name where they are used (<see cref="KnownType"/>); those absent from the compilation simply never match.
/// </summary>
internal static class SecretSinks
{
    private static readonly KnownNamespace Logging = new("Microsoft.Extensions.Logging");
    private static readonly KnownNamespace Serilog = new("Serilog");
    private static readonly KnownType Console = new("System", "Console");
    private static readonly KnownType Debug = new("System.Diagnostics", "Debug");
    private static readonly KnownType Trace = new("System.Diagnostics", "Trace");
    private static readonly KnownType TraceSource = new("System.Diagnostics", "TraceSource");
    private static readonly KnownType File = new("System.IO", "File");
    private static readonly KnownType TextWriter = new("System.IO", "TextWriter");
    private static readonly KnownType JsonSerializer = new("System.Text.Json", "JsonSerializer");
    private static readonly KnownType NewtonsoftConvert = new("Newtonsoft.Json", "JsonConvert");
    private static readonly KnownType XmlSerializer = new("System.Xml.Serialization", "XmlSerializer");
    private static readonly KnownType HttpContent = new("System.Net.Http", "HttpContent");
    private static readonly KnownType JsonContent = new("System.Net.Http.Json", "JsonContent");
    private static readonly KnownType HttpClientJson = new("System.Net.Http.Json", "HttpClientJsonExtensions");
    private static readonly KnownType Exception = new("System", "Exception");
    private static readonly KnownType Activity = new("System.Diagnostics", "Activity");

    /// <summary>The values that <paramref name="operation"/> hands to a sink of one of <paramref name="kinds"/>.</summary>
    public static IEnumerable<SinkUse> ValuesReaching(IOperation operation, SinkKind[] kinds)
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

    private static SinkKind? Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (Logging.Matches(type.ContainingNamespace) || Serilog.Contains(type.ContainingNamespace)
            || Console.Matches(type) || Debug.Matches(type) || Trace.Matches(type) || TraceSource.Matches(type)
            || method.GetAttributes().Any(a => a.AttributeClass?.Name == "LoggerMessageAttribute"))
        {
            return SinkKind.Logging;
        }

        if ((JsonSerializer.Matches(type) && method.Name.StartsWith("Serialize", StringComparison.Ordinal))
            || (NewtonsoftConvert.Matches(type) && method.Name == "SerializeObject")
            || (XmlSerializer.Matches(type) && method.Name == "Serialize"))
        {
            return SinkKind.Serialization;
        }

        if ((File.Matches(type) && (method.Name.StartsWith("Write", StringComparison.Ordinal) || method.Name.StartsWith("Append", StringComparison.Ordinal)))
            || (TextWriter.IsOrDerivesFrom(type) && method.Name.StartsWith("Write", StringComparison.Ordinal)))
        {
            return SinkKind.File;
        }

        if ((JsonContent.Matches(type) && method.Name == "Create")
            || (HttpClientJson.Matches(type) && method.Name.EndsWith("AsJsonAsync", StringComparison.Ordinal)))
        {
            return SinkKind.Http;
        }

        if (Activity.Matches(type) && method.Name is "SetTag" or "AddTag" or "SetBaggage" or "AddBaggage")
        {
            return SinkKind.Telemetry;
        }

        if (method.Name == "Add" && IsExceptionData(invocation.Instance))
        {
            return SinkKind.Exception;
        }

        return null;
    }

    private static SinkKind? ClassifyCreation(INamedTypeSymbol type) =>
        Exception.IsOrDerivesFrom(type) ? SinkKind.Exception
        : HttpContent.IsOrDerivesFrom(type) ? SinkKind.Http
        : null;

    private static bool IsExceptionData(IOperation? operation) =>
        operation is IPropertyReferenceOperation { Property.Name: "Data" } data && Exception.IsOrDerivesFrom(data.Property.ContainingType);

    private static string MemberName(IMethodSymbol method)
    {
        // logger.LogInformation(…) is an extension of ILogger: name it by what the user wrote on.
        var owner = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type.Name : method.ContainingType.Name;
        return owner + "." + method.Name;
    }
}
