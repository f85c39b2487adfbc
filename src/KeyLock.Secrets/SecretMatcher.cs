using System;
using System.Collections.Generic;

namespace KeyLock.Secrets;

/// <summary>
/// Finds keys in any text (a literal's value, a comment, a line of a config file). One table lookup per
/// character checks whether any anchor starts with that character and the next; only then are the
/// anchors compared, and only then is a candidate body measured and checked against its layouts, validator or
/// shape. No regular expressions, no backtracking, and no allocation when nothing is found. Instances
/// are immutable and thread-safe.
/// </summary>
/// <remarks>
/// Patterns that need context (<see cref="SecretPattern.RequiresContext"/>, e.g. Mistral's prefix-less
/// 32-character keys) are never reported by <see cref="FindAll(string)"/>; pass the name next to the
/// value to <see cref="FindAll(string, string?)"/> to let them in.
/// </remarks>
public sealed class SecretMatcher
{
    private const int AsciiCount = 128;

    // A 128 x 128 bit table: whether some anchor starts with this pair of characters. One lookup per
    // character of text rejects almost every position; a one-character anchor sets its whole row.
    private readonly ulong[] _pairs = new ulong[AsciiCount * AsciiCount / 64];

    // Indexed by the first character of an anchor: the candidates to try there, longest anchor first.
    private readonly Candidate[]?[] _candidates = new Candidate[AsciiCount][];

    // Our own empty result: Array.Empty<SecretMatch> is one more value-type instantiation to JIT-compile
    // in every compiler process, and most scans find nothing.
    private static readonly SecretMatch[] NoMatches = new SecretMatch[0];

    // Patterns reported only when a context hint names them.
    private readonly SecretPattern[] _contextPatterns;

    // The shortest key body of any context-only pattern: a text without that many characters in a row between
    // whitespace cannot hold one, which rules out almost every message before any pattern is tried.
    private readonly int _shortestContextKey;

    // Every character a context-only key body can be made of, or null when some such pattern has a shape (no single
    // body alphabet). A body is a run of its pattern's characters, so a text whose runs of these characters are all
    // shorter than the shortest body holds no context-only key either: URLs, paths and dotted names stop there, which
    // the whitespace test above lets through to a scan per pattern.
    private readonly CharacterSet? _contextBodyCharacters;

    public SecretMatcher(IEnumerable<SecretPattern> patterns)
    {
        if (patterns is null)
        {
            throw new ArgumentNullException(nameof(patterns));
        }

        // Plain loops instead of LINQ: this runs once per compiler process, where every generic
        // instantiation and lambda is JIT-compiled before the first scan.
        var all = new List<SecretPattern>(patterns).ToArray();
        Patterns = all;
        var contextPatterns = new List<SecretPattern>();
        var byFirstCharacter = new List<Candidate>?[AsciiCount];
        foreach (var pattern in all)
        {
            if (pattern.RequiresContext)
            {
                contextPatterns.Add(pattern);
                continue;
            }

            foreach (var anchor in pattern.Anchors)
            {
                InsertLongestFirst(byFirstCharacter[anchor.Text[0]] ??= new List<Candidate>(), new Candidate(anchor, pattern));
                AddPair(anchor.Text);
            }
        }

        _contextPatterns = contextPatterns.ToArray();
        _shortestContextKey = int.MaxValue;
        foreach (var pattern in _contextPatterns)
        {
            _shortestContextKey = Math.Min(_shortestContextKey, pattern.MinBodyLength);
        }

        _contextBodyCharacters = BodyCharactersOf(_contextPatterns);

        for (var c = 0; c < AsciiCount; c++)
        {
            _candidates[c] = byFirstCharacter[c]?.ToArray();
        }
    }

    /// <summary>A matcher over every pattern of <see cref="SecretCatalog.All"/>.</summary>
    public static SecretMatcher Default { get; } = new SecretMatcher(SecretCatalog.All);

    public IReadOnlyList<SecretPattern> Patterns { get; }

    /// <summary>All keys in <paramref name="text"/>, left to right, without overlaps. Context-only patterns stay silent.</summary>
    public IReadOnlyList<SecretMatch> FindAll(string text) =>
        FindAll(text ?? throw new ArgumentNullException(nameof(text)), 0, text.Length);

    /// <summary>
    /// All keys in <paramref name="text"/>[<paramref name="startIndex"/>..+<paramref name="length"/>]. The
    /// range edges count as token boundaries, so a caller can scan one line or one value of a larger text.
    /// Context-only patterns stay silent.
    /// </summary>
    public IReadOnlyList<SecretMatch> FindAll(string text, int startIndex, int length)
    {
        CheckRange(text, startIndex, length);
        List<SecretMatch>? matches = null;
        ScanAnchors(text, startIndex, startIndex + length, ref matches);
        return matches is null ? NoMatches : matches;
    }

    /// <summary>
    /// All keys in <paramref name="text"/>, including formats that are recognizable only by what the
    /// value is called.
    /// </summary>
    /// <param name="text">The value to scan, e.g. a literal's text or a setting's value.</param>
    /// <param name="context">
    /// A hint about the value: the variable, field, property, parameter, JSON key, header or environment
    /// variable name it is assigned to (e.g. <c>MistralApiKey</c>, <c>COHERE_API_KEY</c>, <c>Twilio:AuthToken</c>).
    /// Compared case-insensitively with each pattern's <see cref="SecretPattern.ContextKeywords"/>; a
    /// pattern whose keyword appears anywhere in it is tried on the whole text. <see langword="null"/> or
    /// empty behaves exactly like <see cref="FindAll(string)"/>.
    /// </param>
    /// <returns>Matches left to right, without overlaps; a context-free match wins over a context match at the same place.</returns>
    /// <example>
    /// <code>
    /// SecretMatcher.Default.FindAll(value);                      // a 32-character Mistral key: nothing
    /// SecretMatcher.Default.FindAll(value, "MISTRAL_API_KEY");   // the same value: one match, mistral-api-key
    /// </code>
    /// </example>
    public IReadOnlyList<SecretMatch> FindAll(string text, string? context) =>
        FindAll(text ?? throw new ArgumentNullException(nameof(text)), 0, text.Length, context);

    /// <summary>
    /// All keys in a range of <paramref name="text"/>, including the context-only formats that
    /// <paramref name="context"/> names; see <see cref="FindAll(string, string?)"/>.
    /// </summary>
    public IReadOnlyList<SecretMatch> FindAll(string text, int startIndex, int length, string? context)
    {
        CheckRange(text, startIndex, length);
        var end = startIndex + length;
        List<SecretMatch>? matches = null;
        ScanAnchors(text, startIndex, end, ref matches);
        if (string.IsNullOrEmpty(context))
        {
            return matches is null ? NoMatches : matches;
        }

        List<SecretMatch>? extra = null;
        foreach (var pattern in _contextPatterns)
        {
            if (pattern.IsNamedBy(context))
            {
                ScanWithContext(pattern, text, startIndex, end, ref extra);
            }
        }

        if (extra is null)
        {
            return matches is null ? NoMatches : matches;
        }

        return Merge(matches, extra);
    }

    /// <summary>
    /// True when some name next to <paramref name="text"/> could make <see cref="FindAll(string, string?)"/> find a
    /// context-only format in it: every context-only pattern is tried on the whole text, whatever it is called. A
    /// caller that does not know the name yet uses it to rule a value out before doing the work to learn it.
    /// </summary>
    public bool MatchesInSomeContext(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (LongestRun(text, _contextBodyCharacters) < _shortestContextKey)
        {
            return false;
        }

        List<SecretMatch>? found = null;
        foreach (var pattern in _contextPatterns)
        {
            ScanWithContext(pattern, text, 0, text.Length, ref found);
            if (found is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The union of the patterns' body alphabets; null when there are none or one has a shape instead.</summary>
    private static CharacterSet? BodyCharactersOf(SecretPattern[] patterns)
    {
        CharacterSet? union = null;
        foreach (var pattern in patterns)
        {
            if (pattern.Shape is not null)
            {
                return null;
            }

            union = union is null ? pattern.Characters : union.Union(pattern.Characters, "context key bodies");
        }

        return union;
    }

    /// <summary>The longest run of <paramref name="characters"/> in <paramref name="text"/>; with null, of non-whitespace.</summary>
    private static int LongestRun(string text, CharacterSet? characters)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            var inRun = characters is null ? !char.IsWhiteSpace(c) : characters.Contains(c);
            run = inRun ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static void CheckRange(string text, int startIndex, int length)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (startIndex < 0 || length < 0 || startIndex > text.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }
    }

    private void ScanAnchors(string text, int startIndex, int end, ref List<SecretMatch>? matches)
    {
        var pairs = _pairs;
        var lowerBound = startIndex;
        var last = end - 1;
        for (var i = startIndex; i < end; i++)
        {
            int first = text[i];
            if (first >= AsciiCount)
            {
                continue;
            }

            int second = i < last ? text[i + 1] : 0;
            var pair = (first << 7) | (second < AsciiCount ? second : 0);
            if ((pairs[pair >> 6] & (1UL << pair)) == 0)
            {
                continue;
            }

            if (TryMatchAt(text, i, startIndex, end, lowerBound, out var match))
            {
                (matches ??= new List<SecretMatch>()).Add(match);
                lowerBound = match.End;
                i = match.End - 1;
            }
        }
    }

    private bool TryMatchAt(string text, int index, int rangeStart, int rangeEnd, int lowerBound, out SecretMatch match)
    {
        match = default;
        var candidates = _candidates[text[index]]!;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].TryMatch(text, index, rangeStart, rangeEnd, lowerBound, out match))
            {
                return true;
            }
        }

        return false;
    }

    private static void ScanWithContext(SecretPattern pattern, string text, int start, int end, ref List<SecretMatch>? found)
    {
        if (pattern.Anchors.Count > 0)
        {
            foreach (var anchor in pattern.Anchors)
            {
                var candidate = new Candidate(anchor, pattern);
                var lowerBound = start;
                for (var hit = IndexOf(text, anchor.Text, start, end); hit >= 0; hit = IndexOf(text, anchor.Text, hit + 1, end))
                {
                    if (candidate.TryMatch(text, hit, start, end, lowerBound, out var match))
                    {
                        (found ??= new List<SecretMatch>()).Add(match);
                        lowerBound = match.End;
                        hit = match.End - 1;
                    }
                }
            }

            return;
        }

        // No anchor: every maximal run of the pattern's characters is a candidate token.
        var characters = pattern.Characters;
        var position = start;
        while (position < end)
        {
            if (!characters.Contains(text[position]) || (position > start && pattern.BoundaryCharacters.Contains(text[position - 1])))
            {
                position++;
                continue;
            }

            var tokenEnd = position;
            while (tokenEnd < end && characters.Contains(text[tokenEnd]))
            {
                tokenEnd++;
            }

            var length = tokenEnd - position;
            if (Candidate.IsKey(pattern, text, position, position, length))
            {
                (found ??= new List<SecretMatch>()).Add(new SecretMatch(pattern, string.Empty, position, length));
            }

            position = tokenEnd;
        }
    }

    private static int IndexOf(string text, string value, int start, int end) =>
        start > end - value.Length ? -1 : text.IndexOf(value, start, end - start, StringComparison.Ordinal);

    private static IReadOnlyList<SecretMatch> Merge(List<SecretMatch>? first, List<SecretMatch> extra)
    {
        var result = first ?? new List<SecretMatch>();
        var firstCount = result.Count;
        extra.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (var candidate in extra)
        {
            var overlaps = false;
            for (var i = 0; i < result.Count && !overlaps; i++)
            {
                overlaps = candidate.Index < result[i].End && result[i].Index < candidate.End;
            }

            if (!overlaps)
            {
                result.Add(candidate);
            }
        }

        if (result.Count != firstCount)
        {
            result.Sort((a, b) => a.Index.CompareTo(b.Index));
        }

        return result;
    }

    /// <summary>Keeps <paramref name="candidates"/> longest anchor first, in pattern order among equal lengths.</summary>
    private static void InsertLongestFirst(List<Candidate> candidates, Candidate candidate)
    {
        var length = candidate.Anchor.Text.Length;
        var index = candidates.Count;
        while (index > 0 && candidates[index - 1].Anchor.Text.Length < length)
        {
            index--;
        }

        candidates.Insert(index, candidate);
    }

    private void AddPair(string anchor)
    {
        var row = anchor[0] << 7;
        if (anchor.Length == 1)
        {
            for (var second = 0; second < AsciiCount; second++)
            {
                _pairs[(row | second) >> 6] |= 1UL << (row | second);
            }

            return;
        }

        var pair = row | anchor[1];
        _pairs[pair >> 6] |= 1UL << pair;
    }

    private sealed class Candidate
    {
        public Candidate(SecretAnchor anchor, SecretPattern pattern)
        {
            Anchor = anchor;
            Pattern = pattern;
        }

        public SecretAnchor Anchor { get; }

        public SecretPattern Pattern { get; }

        /// <summary>Whether a key of <see cref="Pattern"/> is anchored at <paramref name="index"/>.</summary>
        public bool TryMatch(string text, int index, int rangeStart, int rangeEnd, int lowerBound, out SecretMatch match)
        {
            match = default;
            var anchorText = Anchor.Text;
            if (index > rangeEnd - anchorText.Length || string.CompareOrdinal(text, index, anchorText, 0, anchorText.Length) != 0)
            {
                return false;
            }

            if (Pattern.Shape is { } shape)
            {
                if (shape.TryMatch(text, index, Anchor, rangeStart, rangeEnd, out var start, out var shapeLength, out var displayPrefix)
                    && start >= lowerBound && shapeLength > 0 && start + shapeLength <= rangeEnd
                    && !Pattern.IsKnownPublicValue(text, start, shapeLength))
                {
                    match = new SecretMatch(Pattern, displayPrefix, start, shapeLength);
                    return true;
                }

                return false;
            }

            var keyStart = index - Anchor.Offset;
            if (keyStart < lowerBound)
            {
                return false;
            }

            if (keyStart > rangeStart && Pattern.BoundaryCharacters.Contains(text[keyStart - 1]))
            {
                return false; // inside a longer token, e.g. "task-…" is not "sk-…"
            }

            // A prefix is followed by the body; a marker sits inside it, and the layout covers the whole key.
            var bodyStart = Anchor.IsPrefix ? index + anchorText.Length : keyStart;

            // The body is the whole run of body characters; reading one past the maximum is enough to
            // reject a run that is too long, and keeps the cost per candidate bounded.
            var characters = Pattern.Characters;
            var limit = Math.Min(rangeEnd, bodyStart + Pattern.MaxBodyLength + 1);
            var bodyEnd = bodyStart;
            while (bodyEnd < limit && characters.Contains(text[bodyEnd]))
            {
                bodyEnd++;
            }

            if (!IsKey(Pattern, text, keyStart, bodyStart, bodyEnd - bodyStart))
            {
                return false;
            }

            match = new SecretMatch(Pattern, Anchor.IsPrefix ? anchorText : string.Empty, keyStart, bodyEnd - keyStart);
            return true;
        }

        /// <summary>Layout, validator and allowlist checks for a key at <paramref name="keyStart"/> whose body is measured.</summary>
        public static bool IsKey(SecretPattern pattern, string text, int keyStart, int bodyStart, int bodyLength)
        {
            if (bodyLength < pattern.MinBodyLength || bodyLength > pattern.MaxBodyLength || !AnyLayoutMatches(pattern, text, bodyStart, bodyLength))
            {
                return false;
            }

            var length = bodyStart + bodyLength - keyStart;
            return (pattern.Validator is null || pattern.Validator.IsValid(text, keyStart, length))
                && !pattern.IsKnownPublicValue(text, keyStart, length);
        }

        private static bool AnyLayoutMatches(SecretPattern pattern, string text, int bodyStart, int bodyLength)
        {
            var layouts = pattern.Layouts;
            for (var i = 0; i < layouts.Count; i++) // not foreach: no boxed enumerator on the hot path
            {
                if (layouts[i].Matches(text, bodyStart, bodyLength))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
