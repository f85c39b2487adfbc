using System;
using System.Collections.Generic;

namespace KeyLock.Secrets;

/// <summary>
/// Describes a <see cref="SecretPattern"/> one fact per call, so that a catalog entry reads like a row
/// of the formats table:
/// <code>
/// SecretPattern.Define("groq-api-key", "Groq", "API key")
///     .Prefix("gsk_").Body(CharacterSet.Alphanumeric, 52)
///     .EnvironmentVariable("GROQ_API_KEY").Build();
/// </code>
/// Defaults: rule KL1001, confidence <see cref="SecretConfidence.Medium"/>, body characters = those of
/// the first layout.
/// </summary>
public sealed class SecretPatternBuilder
{
    private readonly string _id;
    private readonly string _provider;
    private readonly string _label;
    private readonly List<SecretAnchor> _anchors = new();
    private readonly List<KeyLayout> _layouts = new();
    private readonly List<string> _context = new();
    private readonly List<string> _knownValues = new();
    private string _ruleId = SecretCatalog.HardcodedProviderKeyRuleId;
    private SecretConfidence _confidence = SecretConfidence.Medium;
    private CharacterSet? _characters;
    private CharacterSet? _boundary;
    private string? _environmentVariable;
    private ISecretValidator? _validator;
    private ISecretShape? _shape;
    private bool _credentialPosition;

    internal SecretPatternBuilder(string id, string provider, string label)
    {
        _id = id;
        _provider = provider;
        _label = label;
    }

    /// <summary>The rule that reports the pattern (default KL1001).</summary>
    public SecretPatternBuilder Rule(string ruleId)
    {
        _ruleId = ruleId;
        return this;
    }

    public SecretPatternBuilder Confidence(SecretConfidence confidence)
    {
        _confidence = confidence;
        return this;
    }

    /// <summary>One or more literal starts of the key.</summary>
    public SecretPatternBuilder Prefix(params string[] prefixes)
    {
        if (prefixes is null)
        {
            throw new ArgumentNullException(nameof(prefixes));
        }

        foreach (var prefix in prefixes)
        {
            _anchors.Add(new SecretAnchor(prefix));
        }

        return this;
    }

    /// <summary>A fixed marker <paramref name="offset"/> characters into the key.</summary>
    public SecretPatternBuilder Marker(string text, int offset)
    {
        _anchors.Add(new SecretAnchor(text, offset));
        return this;
    }

    /// <summary>The token alphabet: the body is the longest run of these after the prefix.</summary>
    public SecretPatternBuilder Characters(CharacterSet characters)
    {
        _characters = characters;
        return this;
    }

    /// <summary>Characters that must not precede the key (default: <see cref="Characters"/>).</summary>
    public SecretPatternBuilder Boundary(CharacterSet characters)
    {
        _boundary = characters;
        return this;
    }

    /// <summary>A body of exactly <paramref name="length"/> characters of <paramref name="characters"/>.</summary>
    public SecretPatternBuilder Body(CharacterSet characters, int length) => Layout(KeySegment.Run(characters, length));

    /// <summary>A body of <paramref name="minLength"/> to <paramref name="maxLength"/> characters.</summary>
    public SecretPatternBuilder Body(CharacterSet characters, int minLength, int maxLength) =>
        Layout(KeySegment.Run(characters, minLength, maxLength));

    /// <summary>One accepted body shape; call again for alternatives.</summary>
    public SecretPatternBuilder Layout(params KeySegment[] segments)
    {
        _layouts.Add(new KeyLayout(segments));
        return this;
    }

    public SecretPatternBuilder EnvironmentVariable(string name)
    {
        _environmentVariable = name;
        return this;
    }

    public SecretPatternBuilder Validator(ISecretValidator validator)
    {
        _validator = validator;
        return this;
    }

    public SecretPatternBuilder Shape(ISecretShape shape)
    {
        _shape = shape;
        return this;
    }

    /// <summary>Report only when the context hint contains one of <paramref name="keywords"/>.</summary>
    public SecretPatternBuilder Context(params string[] keywords)
    {
        _context.AddRange(keywords);
        return this;
    }

    /// <summary>Mark the pattern as a secret only where the value is used as a credential (JWTs).</summary>
    public SecretPatternBuilder OnlyInCredentialPosition()
    {
        _credentialPosition = true;
        return this;
    }

    /// <summary>Public values of this format (documentation examples, emulator keys) never to report.</summary>
    public SecretPatternBuilder KnownPublicValues(params string[] values)
    {
        _knownValues.AddRange(values);
        return this;
    }

    public SecretPattern Build()
    {
        var characters = _characters ?? InferCharacters();
        return new SecretPattern(
            _id, _provider, _label, _ruleId, _confidence, _anchors, characters, _boundary, _layouts,
            _environmentVariable ?? throw new InvalidOperationException($"Pattern '{_id}' needs an environment variable."),
            _validator, _shape, _context, _credentialPosition, _knownValues);
    }

    private CharacterSet InferCharacters()
    {
        foreach (var layout in _layouts)
        {
            var segments = layout.Segments;
            for (var i = 0; i < segments.Count; i++)
            {
                if (!segments[i].IsLiteral)
                {
                    return segments[i].Characters!;
                }
            }
        }

        throw new InvalidOperationException($"Pattern '{_id}' needs its characters.");
    }
}
