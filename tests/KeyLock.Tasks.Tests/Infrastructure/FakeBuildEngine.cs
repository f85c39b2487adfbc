using System.Collections;
using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>Records what a task logs and holds registered task objects like MSBuild does for one build.</summary>
internal class FakeBuildEngine : IBuildEngine4
{
    private readonly Dictionary<object, object> _taskObjects = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public string ProjectFileOfTaskNode { get; set; } = "/fake/Project.csproj";

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public bool IsRunningMultipleNodes => false;

    public int RegisterCount { get; private set; }

    /// <summary>Every logged line (errors, warnings, messages), for checks that must hold for the whole log.</summary>
    public IEnumerable<string> AllText =>
        Errors.Select(e => e.Message ?? string.Empty)
            .Concat(Warnings.Select(w => w.Message ?? string.Empty))
            .Concat(Messages.Select(m => m.Message ?? string.Empty));

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException();

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException();

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        throw new NotSupportedException();

    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection)
    {
        RegisterCount++;
        _taskObjects[key] = obj;
    }

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) =>
        _taskObjects.TryGetValue(key, out var value) ? value : null;

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime)
    {
        _taskObjects.Remove(key, out var value);
        return value;
    }
}

/// <summary>An engine from an old or custom host that cannot hold task objects.</summary>
internal sealed class PlainBuildEngine : IBuildEngine
{
    private readonly FakeBuildEngine _inner = new();

    public List<BuildErrorEventArgs> Errors => _inner.Errors;

    public List<BuildMessageEventArgs> Messages => _inner.Messages;

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => _inner.ProjectFileOfTaskNode;

    public void LogErrorEvent(BuildErrorEventArgs e) => _inner.LogErrorEvent(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => _inner.LogWarningEvent(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => _inner.LogMessageEvent(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
