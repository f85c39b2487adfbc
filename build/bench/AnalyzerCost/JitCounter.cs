using System;
using System.Diagnostics.Tracing;
using System.Threading;

namespace KeyLock.AnalyzerCost;

/// <summary>Counts methods the runtime JIT-compiles whose namespace starts with one of the prefixes (the runtime's own event, in process).</summary>
internal sealed class JitCounter(params string[] namespacePrefixes) : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private int _count;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Name, int IlSize)> _methods = new();

    /// <summary>The methods counted since the last reset, with their IL size (what JIT time roughly follows).</summary>
    public (string Name, int IlSize)[] Methods => _methods.ToArray();

    public int Count => Volatile.Read(ref _count);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        while (_methods.TryDequeue(out _))
        {
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "MethodJittingStarted_V1" && eventData.PayloadNames is { } names
            && eventData.Payload?[names.IndexOf("MethodNamespace")] is string ns && Array.Exists(namespacePrefixes, prefix => ns.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _count);
            var size = eventData.Payload[names.IndexOf("MethodILSize")] is uint il ? (int)il : 0;
            _methods.Enqueue(($"{ns}::{eventData.Payload[names.IndexOf("MethodName")]}", size));
        }
    }
}
