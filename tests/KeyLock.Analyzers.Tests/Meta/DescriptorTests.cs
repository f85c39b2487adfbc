using KeyLock.TestSupport;
using System.Reflection;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.CodeFixes.Rules.HardcodedSecrets;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KeyLock.Analyzers.Tests.Meta;

/// <summary>
/// Every id has a descriptor, a help link to an existing docs page and a release-tracking row; adding a
/// rule without them fails here.
/// </summary>
public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticIds).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
        .Distinct() // several analyzers may report one id, sharing its descriptor
        .ToArray();

    public static TheoryData<string> Ids() => new(Descriptors.Select(d => d.Id).Distinct());

    [Fact]
    public void IdConstants_AndDescriptors_AreTheSameSet()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.NotEmpty(Descriptors);
        Assert.Equal(constants.Order(), Descriptors.Select(d => d.Id).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLink_PointsAtADocsPageThatExists(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);

        Assert.Equal($"https://github.com/keylock-dev/keylock/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        var page = RepositoryFiles.PathOf("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), page + " is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReleaseTracking_HasOneMatchingRow(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(RepositoryFiles.PathOf("src", "KeyLock.Analyzers", file)))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0] == id)
            .ToArray();

        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled", row[2]);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Texts_FollowTheConventions(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);

        Assert.Equal("Security", descriptor.Category);
        Assert.Matches("^KL[1-9][0-9]{3}$", descriptor.Id);
        Assert.DoesNotContain(".", descriptor.Title.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(".", descriptor.Description.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCatalogRuleId_IsReportedByAnAnalyzer() =>
        Assert.All(SecretCatalog.All, pattern => Assert.Contains(Descriptors, d => d.Id == pattern.RuleId));

    [Fact]
    public void EveryCodeFix_FixesAnIdThatExists()
    {
        var fixers = typeof(HardcodedProviderKeyCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToArray();

        Assert.NotEmpty(fixers);
        Assert.All(fixers.SelectMany(f => f.FixableDiagnosticIds), id => Assert.Contains(Descriptors, d => d.Id == id));
    }
}
