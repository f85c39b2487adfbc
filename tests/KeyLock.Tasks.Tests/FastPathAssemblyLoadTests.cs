using System.Reflection;
using System.Runtime.Loader;
using KeyLock.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// The fast path's point is to skip NuGet: a replayed pass must not load a single NuGet assembly. Each build here runs in a
/// fresh load context that loads KeyLock and NuGet privately (as MSBuild's task load context does), so what the task
/// loaded can be listed, whatever other tests in this process loaded.
/// </summary>
public sealed class FastPathAssemblyLoadTests : IDisposable
{
    private readonly SignedPackageProject _project = new();
    private bool _lowered;
    private string? _changeDetection;

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_replayed_pass_loads_no_NuGet_assembly_and_a_full_verification_does(bool withWarning, bool contentDigests)
    {
        if (!OperatingSystem.IsLinux() && !contentDigests)
        {
            return;
        }

        _changeDetection = contentDigests ? "content" : null;

        if (withWarning)
        {
            TestPackage.FlipByteKeepingStamp(_project.ConsumedDllPath);
            SignedPackageProject.Settle();
            _lowered = true;
        }

        var full = BuildInFreshContext(out var fullEngine);
        Assert.Contains(full, n => n.StartsWith("NuGet.", StringComparison.Ordinal));
        Assert.DoesNotContain(fullEngine.Messages, m => (m.Message ?? string.Empty).Contains("every input unchanged", StringComparison.Ordinal));

        var replayed = BuildInFreshContext(out var replayEngine);
        Assert.Contains(replayEngine.Messages, m => (m.Message ?? string.Empty).Contains("every input unchanged", StringComparison.Ordinal));
        Assert.Contains("KeyLock.Tasks", replayed);
        Assert.DoesNotContain(replayed, n => n.StartsWith("NuGet.", StringComparison.Ordinal));
        Assert.Equal(withWarning ? 1 : 0, replayEngine.Warnings.Count);
    }

    /// <summary>Runs one build in a new load context; the names of the assemblies that context loaded.</summary>
    private List<string> BuildInFreshContext(out FakeBuildEngine engine)
    {
        engine = new FakeBuildEngine();
        var configured = _project.CreateTask(engine);
        configured.ExtractedFilesSeverity = _lowered ? "warning" : null;
        configured.ChangeDetectionMode = _changeDetection;
        var context = new TaskLoadContext(Path.GetDirectoryName(typeof(VerifyLockedPackages).Assembly.Location)!);
        try
        {
            var type = context.LoadFromAssemblyName(typeof(VerifyLockedPackages).Assembly.GetName()).GetType(typeof(VerifyLockedPackages).FullName!, throwOnError: true)!;
            var task = (ITask)Activator.CreateInstance(type)!;
            foreach (var property in typeof(VerifyLockedPackages).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetSetMethod() != null))
            {
                type.GetProperty(property.Name)!.SetValue(task, property.GetValue(configured));
            }

            Assert.True(task.Execute(), SignedPackageProject.Errors(engine));
            return context.Assemblies.Select(a => a.GetName().Name ?? string.Empty).ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class TaskLoadContext : AssemblyLoadContext
    {
        private readonly string _directory;

        public TaskLoadContext(string directory)
            : base("KeyLock task under test", isCollectible: true)
        {
            _directory = directory;
        }

        // KeyLock and NuGet load here; MSBuild's assemblies come from the default context, as in MSBuild.
        protected override Assembly? Load(AssemblyName name)
        {
            var simpleName = name.Name ?? string.Empty;
            var path = Path.Combine(_directory, simpleName + ".dll");
            return (simpleName.StartsWith("NuGet.", StringComparison.Ordinal) || simpleName == "KeyLock.Tasks") && File.Exists(path)
                ? LoadFromAssemblyPath(path)
                : null;
        }
    }
}
