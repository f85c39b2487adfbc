using KeyLock.Tasks.LockFiles;
using NuGet.Frameworks;

namespace KeyLock.Tasks.Tests;

/// <summary>The framework names KeyLock builds without NuGet's tables must be exactly the frameworks NuGet's parser returns.</summary>
public sealed class FrameworkNamesTests
{
    [Theory]
    [InlineData("net5.0")]
    [InlineData("net6.0")]
    [InlineData("net8.0")]
    [InlineData("net9.0")]
    [InlineData("net10.0")]
    [InlineData("net11.0")]
    [InlineData("net99.9")]
    [InlineData("netstandard1.0")]
    [InlineData("netstandard1.6")]
    [InlineData("netstandard2.0")]
    [InlineData("netstandard2.1")]
    public void Common_names_are_the_framework_NuGet_parses(string name)
    {
        var expected = NuGetFramework.Parse(name);

        var actual = FrameworkNames.TryParseCommon(name);

        Assert.NotNull(actual);
        Assert.Equal(expected, actual);
        Assert.Equal(expected.GetHashCode(), actual!.GetHashCode());
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Theory]
    [InlineData("net4.7")]
    [InlineData("net472")]
    [InlineData("net50")]
    [InlineData("net8.0-windows")]
    [InlineData("net8.0-windows10.0.19041")]
    [InlineData("NET8.0")]
    [InlineData("net8.01")]
    [InlineData("net8.0.1")]
    [InlineData("net08.0")]
    [InlineData("net100.0")]
    [InlineData("net8.")]
    [InlineData("net.0")]
    [InlineData("net")]
    [InlineData("netcoreapp3.1")]
    [InlineData("netstandard")]
    [InlineData("netstandard2.0.1")]
    [InlineData(".NETCoreApp,Version=v8.0")]
    [InlineData("main")]
    public void Other_names_go_to_NuGets_parser(string name)
    {
        Assert.Null(FrameworkNames.TryParseCommon(name));
        Assert.Equal(Describe(NuGetFramework.Parse(name)), Describe(FrameworkNames.Parse(name)));
    }

    private static string Describe(NuGetFramework framework) =>
        string.Join(
            " | ",
            framework.Framework,
            framework.Version,
            framework.Profile,
            framework.Platform,
            framework.PlatformVersion,
            framework.ToString(),
            framework.DotNetFrameworkName,
            framework.DotNetPlatformName,
            framework.GetShortFolderName(),
            framework.IsPCL,
            framework.IsSpecificFramework,
            framework.IsUnsupported,
            framework.HasPlatform,
            framework.HasProfile);
}
