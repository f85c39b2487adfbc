using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Secrets;

/// <summary>
/// One secret format, described as data: who issues it, what it is called, how it looks and how to
/// keep it out of code. The matcher needs nothing else, so a new provider is a new instance; most
/// patterns are written with <see cref="SecretPatternBuilder"/>.
/// </summary>
public sealed class SecretPattern
{
    private static readonly string[] NoStrings = Array.Empty<string>();

    /// <summary>A prefix-anchored pattern whose body is described by <paramref name="layouts"/>.</summary>
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
        : this(
            id, provider, label, ruleId, confidence,
            RequirePrefixes(id, prefixes).Select(p => new SecretAnchor(p)).ToArray(),
            characters, null, layouts, environmentVariable, validator,
            shape: null, contextKeywords: null, requiresCredentialPosition: false, knownPublicValues: null)
    {
    }

    internal SecretPattern(
        string id,
        string provider,
        string label,
        string ruleId,
        SecretConfidence confidence,
        IReadOnlyList<SecretAnchor> anchors,
        CharacterSet characters,
        CharacterSet? boundaryCharacters,
        IReadOnlyList<KeyLayout>? layouts,
        string environmentVariable,
        ISecretValidator? validator,
        ISecretShape? shape,
        IReadOnlyList<string>? contextKeywords,
        bool requiresCredentialPosition,
        IReadOnlyList<string>? knownPublicValues)
    {
        Id = Require(id, nameof(id));
        Provider = Require(provider, nameof(provider));
        Label = Require(label, nameof(label));
        RuleId = Require(ruleId, nameof(ruleId));
        EnvironmentVariable = Require(environmentVariable, nameof(environmentVariable));
        Confidence = confidence;
        Characters = characters ?? throw new ArgumentNullException(nameof(characters));
        BoundaryCharacters = boundaryCharacters ?? characters;
        Validator = validator;
        Shape = shape;
        ContextKeywords = contextKeywords?.ToArray() ?? NoStrings;
        RequiresCredentialPosition = requiresCredentialPosition;
        KnownPublicValues = knownPublicValues?.ToArray() ?? NoStrings;
        Anchors = anchors?.ToArray() ?? throw new ArgumentNullException(nameof(anchors));
        Prefixes = Anchors.Where(a => a.IsPrefix).Select(a => a.Text).ToArray();
        Layouts = layouts?.ToArray() ?? Array.Empty<KeyLayout>();

        if (ContextKeywords.Any(k => string.IsNullOrWhiteSpace(k)))
        {
            throw new ArgumentException($"Pattern '{id}': context keywords must not be blank.", nameof(contextKeywords));
        }

        if (Anchors.Count == 0 && (ContextKeywords.Count == 0 || Shape is not null))
        {
            throw new ArgumentException($"Pattern '{id}' needs an anchor, or context keywords and a layout.", nameof(anchors));
        }

        if (Shape is null && Layouts.Count == 0)
        {
            throw new ArgumentException($"Pattern '{id}' needs at least one layout.", nameof(layouts));
        }

        // The matcher takes the longest run of Characters after the prefix as the body, so a layout
        // that used a character outside that set could never match.
        foreach (var segment in Layouts.SelectMany(l => l.Segments))
        {
            var fits = segment.IsLiteral ? segment.Text!.All(Characters.Contains) : Characters.IsSupersetOf(segment.Characters!);
            if (!fits)
            {
                throw new ArgumentException($"Pattern '{id}': segment {segment} uses characters outside {Characters}.", nameof(layouts));
            }
        }

        MinBodyLength = Layouts.Count == 0 ? 0 : Layouts.Min(l => l.MinLength);
        MaxBodyLength = Layouts.Count == 0 ? 0 : Layouts.Max(l => l.MaxLength);
    }

    /// <summary>Stable kebab-case id, e.g. <c>openai-project</c>; shown in diagnostic properties and used in configuration.</summary>
    public string Id { get; }

    /// <summary>The issuer as users name it, e.g. <c>OpenAI</c>.</summary>
    public string Provider { get; }

    /// <summary>What kind of credential it is, in lower case, e.g. <c>project API key</c>.</summary>
    public string Label { get; }

    /// <summary>
    /// The diagnostic id that reports this pattern: <c>KL1001</c> provider key, <c>KL1002</c> private key
    /// material, <c>KL1003</c> connection string or URL with an embedded secret.
    /// </summary>
    public string RuleId { get; }

    public SecretConfidence Confidence { get; }

    /// <summary>Literal starts of the key (anchors at offset 0); redaction shows the one a key starts with.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>Every fixed text the pre-filter looks for: prefixes and markers inside the key.</summary>
    public IReadOnlyList<SecretAnchor> Anchors { get; }

    /// <summary>The characters a key body is made of.</summary>
    public CharacterSet Characters { get; }

    /// <summary>
    /// A key must not be preceded by one of these (usually <see cref="Characters"/>; base64 keys that
    /// end in <c>=</c> padding may follow <c>AccountKey=</c>, so their boundary set leaves <c>=</c> out).
    /// </summary>
    public CharacterSet BoundaryCharacters { get; }

    /// <summary>Accepted shapes of the body that follows the prefix (of the whole key for markers and context-only patterns).</summary>
    public IReadOnlyList<KeyLayout> Layouts { get; }

    /// <summary>The conventional environment variable to read the key from, e.g. <c>OPENAI_API_KEY</c>.</summary>
    public string EnvironmentVariable { get; }

    /// <summary>An optional extra check (e.g. a checksum) run after a layout matched.</summary>
    public ISecretValidator? Validator { get; }

    /// <summary>Custom matching for formats no layout can describe (PEM blocks, URLs, connection strings).</summary>
    public ISecretShape? Shape { get; }

    /// <summary>
    /// Words one of which must appear in the context hint (a variable, property, setting or header name
    /// next to the value) before this pattern is reported, e.g. <c>mistral</c> for Mistral's 32-character
    /// keys, which have no prefix. Empty for patterns that stand on their own. Compared case-insensitively.
    /// </summary>
    public IReadOnlyList<string> ContextKeywords { get; }

    /// <summary>Whether the pattern is reported only when a context hint names it (see <see cref="ContextKeywords"/>).</summary>
    public bool RequiresContext => ContextKeywords.Count > 0;

    /// <summary>
    /// Whether the value is a secret only in a credential position (an <c>Authorization</c> header, a
    /// credential constructor, a member named like a token). JWTs are everywhere in tests and docs;
    /// rules should report such patterns only where the value is used as a credential.
    /// </summary>
    public bool RequiresCredentialPosition { get; }

    /// <summary>Public documentation or emulator values of this format that are never reported.</summary>
    public IReadOnlyList<string> KnownPublicValues { get; }

    public int MinBodyLength { get; }

    public int MaxBodyLength { get; }

    /// <summary>Whether <paramref name="context"/> contains one of <see cref="ContextKeywords"/>.</summary>
    public bool IsNamedBy(string? context)
    {
        if (string.IsNullOrEmpty(context))
        {
            return false;
        }

        for (var i = 0; i < ContextKeywords.Count; i++)
        {
            if (context!.IndexOf(ContextKeywords[i], StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts a pattern description; see <see cref="SecretPatternBuilder"/>.</summary>
    public static SecretPatternBuilder Define(string id, string provider, string label) => new(id, provider, label);

    public override string ToString() => Id;

    internal bool IsKnownPublicValue(string text, int index, int length)
    {
        for (var i = 0; i < KnownPublicValues.Count; i++)
        {
            var known = KnownPublicValues[i];
            if (known.Length == length && string.CompareOrdinal(text, index, known, 0, length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static IReadOnlyList<string> RequirePrefixes(string id, IReadOnlyList<string> prefixes)
    {
        if (prefixes is null || prefixes.Count == 0 || prefixes.Any(p => string.IsNullOrEmpty(p) || p.Any(c => c >= 128)))
        {
            throw new ArgumentException($"Pattern '{id}' needs at least one non-empty ASCII prefix.", nameof(prefixes));
        }

        return prefixes;
    }

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A value is required.", name) : value;
}
