using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Secrets;

/// <summary>
/// One secret format, described as data: who issues it, what it is called, how it looks and how to
/// keep it out of code. The matcher needs nothing else, so a new provider is a new instance.
/// </summary>
public sealed class SecretPattern
{
    public SecretPattern(
        string id,
        string provider,
        string label,
        string ruleId,
        SecretConfidence confidence,
        IReadOnlyList<string> prefixes,
        CharacterSet characters,
        IReadOnlyList<KeyLayout> layouts,
        string environmentVariable,
        ISecretValidator? validator = null)
    {
        Id = Require(id, nameof(id));
        Provider = Require(provider, nameof(provider));
        Label = Require(label, nameof(label));
        RuleId = Require(ruleId, nameof(ruleId));
        EnvironmentVariable = Require(environmentVariable, nameof(environmentVariable));
        Confidence = confidence;
        Characters = characters ?? throw new ArgumentNullException(nameof(characters));
        Validator = validator;

        if (prefixes is null || prefixes.Count == 0 || prefixes.Any(p => string.IsNullOrEmpty(p) || p.Any(c => c >= 128)))
        {
            throw new ArgumentException($"Pattern '{id}' needs at least one non-empty ASCII prefix.", nameof(prefixes));
        }

        if (layouts is null || layouts.Count == 0)
        {
            throw new ArgumentException($"Pattern '{id}' needs at least one layout.", nameof(layouts));
        }

        // The matcher takes the longest run of Characters after the prefix as the body, so a layout
        // that used a character outside that set could never match.
        foreach (var segment in layouts.SelectMany(l => l.Segments))
        {
            var fits = segment.IsLiteral ? segment.Text!.All(characters.Contains) : characters.IsSupersetOf(segment.Characters!);
            if (!fits)
            {
                throw new ArgumentException($"Pattern '{id}': segment {segment} uses characters outside {characters}.", nameof(layouts));
            }
        }

        Prefixes = prefixes.ToArray();
        Layouts = layouts.ToArray();
        MinBodyLength = Layouts.Min(l => l.MinLength);
        MaxBodyLength = Layouts.Max(l => l.MaxLength);
    }

    /// <summary>Stable kebab-case id, e.g. <c>openai-project</c>; shown in diagnostic properties and used in configuration.</summary>
    public string Id { get; }

    /// <summary>The issuer as users name it, e.g. <c>OpenAI</c>.</summary>
    public string Provider { get; }

    /// <summary>What kind of credential it is, in lower case, e.g. <c>project API key</c>.</summary>
    public string Label { get; }

    /// <summary>The diagnostic id that reports this pattern, e.g. <c>KL1001</c>.</summary>
    public string RuleId { get; }

    public SecretConfidence Confidence { get; }

    /// <summary>Literal starts of the key; the cheap pre-filter looks for these first.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>The characters a key body is made of. A key must not be preceded or followed by one of them.</summary>
    public CharacterSet Characters { get; }

    /// <summary>Accepted shapes of the body that follows the prefix.</summary>
    public IReadOnlyList<KeyLayout> Layouts { get; }

    /// <summary>The conventional environment variable to read the key from, e.g. <c>OPENAI_API_KEY</c>.</summary>
    public string EnvironmentVariable { get; }

    /// <summary>An optional extra check (e.g. a checksum) run after a layout matched.</summary>
    public ISecretValidator? Validator { get; }

    public int MinBodyLength { get; }

    public int MaxBodyLength { get; }

    public override string ToString() => Id;

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A value is required.", name) : value;
}
