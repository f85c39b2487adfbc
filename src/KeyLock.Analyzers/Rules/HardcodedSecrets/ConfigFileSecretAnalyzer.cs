using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using KeyLock.Analyzers.Detection;
using KeyLock.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KeyLock.Analyzers.Rules.HardcodedSecrets;

/// <summary>
/// KL1001–KL1004 in config files that reach the compiler as AdditionalFiles (the package's props add
/// <c>appsettings*.json</c>, <c>.env*</c>, <c>launchSettings.json</c> and <c>docker-compose*.yml</c> by default,
/// tagged <c>KeyLockConfigFile=true</c>). Findings point at the exact line and column in the file. Catalog
/// patterns are found anywhere in the text; each value is also checked with its JSON path, dotenv variable
/// or YAML key as context, so context-only formats and KL1004's shape gate apply to settings named like keys.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigFileSecretAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The item metadata the package's targets set on the AdditionalFiles it adds (see build/KeyLock.targets).</summary>
    public const string MetadataKey = "build_metadata.AdditionalFiles.KeyLockConfigFile";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HardcodedSecretDescriptors.ProviderKey,
        HardcodedSecretDescriptors.PrivateKey,
        HardcodedSecretDescriptors.ConnectionString,
        HardcodedSecretDescriptors.CredentialSink);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterAdditionalFileAction(AnalyzeFile);
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        var format = FormatOf(file, context.Options.AnalyzerConfigOptionsProvider.GetOptions(file));
        if (format == ConfigFormat.None || file.GetText(context.CancellationToken) is not { } sourceText)
        {
            return;
        }

        var text = sourceText.ToString();
        var reported = new List<TextSpan>();
        foreach (var match in SecretMatcher.Default.FindAll(text))
        {
            if (SecretMatchReporter.IsReportedOnBareText(match))
            {
                var span = new TextSpan(match.Index, match.Length);
                reported.Add(span);
                context.ReportDiagnostic(SecretMatchReporter.Create(LocationOf(file, sourceText, span), text, match));
            }
        }

        foreach (var entry in ConfigEntries.Read(format, text))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (entry.Length >= SecretShape.MinimumLength && !Overlaps(reported, entry.Start, entry.Length))
            {
                AnalyzeEntry(context, sourceText, text, entry);
            }
        }
    }

    /// <summary>
    /// Scanned: files the package tagged (<c>KeyLockConfigFile=true</c>); files without the tag when the
    /// package's targets are not in play (tests, hand-written AdditionalFiles) and the name is a default one.
    /// A file the user removed from the <c>KeyLockConfigFile</c> items has an empty tag and is skipped.
    /// </summary>
    private static ConfigFormat FormatOf(AdditionalText file, AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue(MetadataKey, out var tag))
        {
            return ConfigEntries.FormatOf(file.Path, listedByUser: false);
        }

        return string.Equals(tag, "true", StringComparison.OrdinalIgnoreCase)
            ? ConfigEntries.FormatOf(file.Path, listedByUser: true)
            : ConfigFormat.None;
    }

    private static void AnalyzeEntry(AdditionalFileAnalysisContext context, SourceText sourceText, string text, ConfigEntry entry)
    {
        var file = context.AdditionalFile;
        var reported = false;
        foreach (var match in SecretMatcher.Default.FindAll(text, entry.Start, entry.Length, entry.Name))
        {
            if (SecretMatchReporter.IsReportedInCredentialContext(match) && (!match.Pattern.RequiresCredentialPosition || CredentialNames.IsCredentialName(entry.Name)))
            {
                var span = new TextSpan(match.Index, match.Length);
                context.ReportDiagnostic(SecretMatchReporter.Create(LocationOf(file, sourceText, span), text, match, entry.Name));
                reported = true;
            }
        }

        if (reported || !CredentialNames.IsCredentialName(entry.Name))
        {
            return;
        }

        var value = text.Substring(entry.Start, entry.Length);
        var secret = entry.Name.IndexOf("authorization", StringComparison.OrdinalIgnoreCase) >= 0
            ? SecretShape.StripAuthScheme(value, out _)
            : value;
        if (!SecretShape.LooksLikeSecret(secret))
        {
            return;
        }

        var variable = CredentialNames.ToEnvironmentVariable(entry.Name);
        var properties = ImmutableDictionary.CreateRange(new[]
        {
            new KeyValuePair<string, string?>(DiagnosticPropertyNames.EnvironmentVariable, variable),
            new KeyValuePair<string, string?>(DiagnosticPropertyNames.Sink, "Setting " + entry.Name),
            new KeyValuePair<string, string?>(DiagnosticPropertyNames.Setting, entry.Name),
        });
        context.ReportDiagnostic(Diagnostic.Create(
            HardcodedSecretDescriptors.CredentialSink,
            LocationOf(file, sourceText, new TextSpan(entry.Start, entry.Length)),
            properties,
            "Setting",
            entry.Name,
            GenericRedaction.Redact(secret.Trim()),
            variable));
    }

    private static bool Overlaps(List<TextSpan> spans, int start, int length)
    {
        var span = new TextSpan(start, length);
        foreach (var reported in spans)
        {
            if (reported.OverlapsWith(span))
            {
                return true;
            }
        }

        return false;
    }

    private static Location LocationOf(AdditionalText file, SourceText text, TextSpan span) =>
        Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
}
