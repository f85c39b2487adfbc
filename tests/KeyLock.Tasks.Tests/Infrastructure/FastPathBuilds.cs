using Microsoft.Build.Framework;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>Builds of a <see cref="SignedPackageProject"/> that must (or must not) be a replay of the last pass.</summary>
internal static class FastPathBuilds
{
    public const string Replayed = "every input unchanged since verified";

    /// <summary>A first build that passes and (where it records passes) leaves a pass record.</summary>
    public static void RecordPass(SignedPackageProject project)
    {
        Assert.True(project.Build(out var engine), SignedPackageProject.Errors(engine));
        Assert.Equal(project.RecordsPasses, File.Exists(project.PassRecordPath));
    }

    public static FakeBuildEngine ReplayedBuild(SignedPackageProject project)
    {
        Assert.True(project.Build(out var engine), SignedPackageProject.Errors(engine));
        Assert.Contains(engine.Messages, m => Text(m).Contains(Replayed, StringComparison.Ordinal));
        return engine;
    }

    /// <summary>A build that must not be a replay; where passes are recorded its log says why the record did not hold.</summary>
    public static FakeBuildEngine FullBuild(SignedPackageProject project, bool expectPass)
    {
        Assert.Equal(expectPass, project.Build(out var engine));
        Assert.False(IsReplay(engine));
        if (project.RecordsPasses)
        {
            Assert.Contains(engine.Messages, m => Text(m).StartsWith("KeyLock: full verification (", StringComparison.Ordinal));
        }

        return engine;
    }

    public static bool IsReplay(FakeBuildEngine engine) => engine.Messages.Any(m => Text(m).Contains(Replayed, StringComparison.Ordinal));

    public static string Text(BuildMessageEventArgs message) => message.Message ?? string.Empty;
}
