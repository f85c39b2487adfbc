using System.Globalization;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers;

/// <summary>
/// The one place descriptors are made, so every rule gets the same category, help link scheme and
/// enabled state.
/// </summary>
internal static class DescriptorFactory
{
    private const string HelpLinkFormat = "https://github.com/keylock-dev/keylock/blob/main/docs/rules/{0}.md";

    public static string HelpLink(string id) => string.Format(CultureInfo.InvariantCulture, HelpLinkFormat, id);

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string description,
        DiagnosticSeverity severity) =>
        new(
            id,
            title,
            messageFormat,
            DiagnosticCategories.Security,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id));
}
