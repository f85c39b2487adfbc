using System;
using System.Collections.Generic;

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
            PrefixAnchors(id, prefixes),
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
        var keywords = contextKeywords is null ? NoStrings : CopyOf(contextKeywords);
        ContextKeywords = keywords;
        RequiresCredentialPosition = requiresCredentialPosition;
        KnownPublicValues = knownPublicValues is null ? NoStrings : CopyOf(knownPublicValues);
        var anchorArray = CopyOf(anchors ?? throw new ArgumentNullException(nameof(anchors)));
        Anchors = anchorArray;
        Prefixes = PrefixTexts(anchorArray);
        var layoutArray = layouts is null ? Array.Empty<KeyLayout>() : CopyOf(layouts);
        Layouts = layoutArray;

        foreach (var keyword in keywords)
        {
            if (string.IsNullOrWhiteSpace(keyword))
            {
                throw new ArgumentException($"Pattern '{id}': context keywords must not be blank.", nameof(contextKeywords));
            }
        }

        if (anchorArray.Length == 0 && (keywords.Length == 0 || Shape is not null))
        {
            throw new ArgumentException($"Pattern '{id}' needs an anchor, or context keywords and a layout.", nameof(anchors));
        }

        if (Shape is null && layoutArray.Length == 0)
        {
            throw new ArgumentException($"Pattern '{id}' needs at least one layout.", nameof(layouts));
        }

        RequireLayoutsWithin(id, Characters, layoutArray);
        MinBodyLength = layoutArray.Length == 0 ? 0 : int.MaxValue;
        foreach (var layout in layoutArray)
        {
            MinBodyLength = Math.Min(MinBodyLength, layout.MinLength);
            MaxBodyLength = Math.Max(MaxBodyLength, layout.MaxLength);
        }
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

    // The helpers below are loops rather than LINQ: the catalog is built once per compiler process,
    // where each generic instantiation and lambda costs a JIT compilation before the first scan.
    private static SecretAnchor[] PrefixAnchors(string id, IReadOnlyList<string> prefixes)
    {
        if (prefixes is null || prefixes.Count == 0)
        {
            throw NoPrefix(id);
        }

        var anchors = new SecretAnchor[prefixes.Count];
        for (var i = 0; i < anchors.Length; i++)
        {
            if (!SecretAnchor.IsAsciiText(prefixes[i]))
            {
                throw NoPrefix(id);
            }

            anchors[i] = new SecretAnchor(prefixes[i]);
        }

        return anchors;
    }

    /// <summary>
    /// The matcher takes the longest run of <paramref name="characters"/> after the prefix as the body, so a
    /// layout that used a character outside that set could never match.
    /// </summary>
    private static void RequireLayoutsWithin(string id, CharacterSet characters, KeyLayout[] layouts)
    {
        foreach (var layout in layouts)
        {
            var segments = layout.Segments;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                var fits = segment.IsLiteral ? characters.ContainsAll(segment.Text!, 0, segment.Text!.Length) : characters.IsSupersetOf(segment.Characters!);
                if (!fits)
                {
                    throw new ArgumentException($"Pattern '{id}': segment {segment} uses characters outside {characters}.", "layouts");
                }
            }
        }
    }

    private static ArgumentException NoPrefix(string id) =>
        new($"Pattern '{id}' needs at least one non-empty ASCII prefix.", "prefixes");

    private static string[] PrefixTexts(SecretAnchor[] anchors)
    {
        var texts = new List<string>(anchors.Length);
        foreach (var anchor in anchors)
        {
            if (anchor.IsPrefix)
            {
                texts.Add(anchor.Text);
            }
        }

        return texts.ToArray();
    }

    private static T[] CopyOf<T>(IReadOnlyList<T> items)
    {
        var copy = new T[items.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i];
        }

        return copy;
    }

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A value is required.", name) : value;
}
