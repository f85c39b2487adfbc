using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Secrets;

/// <summary>
/// Finds keys in any text (a literal's value, a comment, a line of a config file). A vectorized search
/// for the first characters of all prefixes runs first, then the second character and the prefix are
/// compared, and only then is a candidate body measured and checked against its layouts. No regular
/// expressions, no backtracking, and no allocation when nothing is found. Instances are immutable and
/// thread-safe.
/// </summary>
public sealed class SecretMatcher
{
    private const int AsciiCount = 128;

    private readonly char[] _firstCharacters;

    // Indexed by the first character of a prefix: the candidates to try there, longest prefix first.
    private readonly Candidate[]?[] _candidates = new Candidate[AsciiCount][];

    // Indexed by the first character: a 128-bit mask of the second characters any prefix has.
    private readonly ulong[] _secondLow = new ulong[AsciiCount];
    private readonly ulong[] _secondHigh = new ulong[AsciiCount];

    public SecretMatcher(IEnumerable<SecretPattern> patterns)
    {
        if (patterns is null)
        {
            throw new ArgumentNullException(nameof(patterns));
        }

        Patterns = patterns.ToArray();
        var candidates = Patterns
            .SelectMany(pattern => pattern.Prefixes.Select(prefix => new Candidate(prefix, pattern)))
            .OrderByDescending(c => c.Prefix.Length);
        foreach (var group in candidates.GroupBy(c => c.Prefix[0]))
        {
            _candidates[group.Key] = group.ToArray();
            foreach (var candidate in group)
            {
                AddSecondCharacter(group.Key, candidate.Prefix);
            }
        }

        _firstCharacters = Enumerable.Range(0, AsciiCount).Where(c => _candidates[c] is not null).Select(c => (char)c).ToArray();
    }

    /// <summary>A matcher over every pattern of <see cref="SecretCatalog.All"/>.</summary>
    public static SecretMatcher Default { get; } = new SecretMatcher(SecretCatalog.All);

    public IReadOnlyList<SecretPattern> Patterns { get; }

    /// <summary>All keys in <paramref name="text"/>, left to right, without overlaps.</summary>
    public IReadOnlyList<SecretMatch> FindAll(string text) =>
        FindAll(text ?? throw new ArgumentNullException(nameof(text)), 0, text.Length);

    /// <summary>
    /// All keys in <paramref name="text"/>[<paramref name="startIndex"/>..+<paramref name="length"/>]. The
    /// range edges count as token boundaries, so a caller can scan one line or one value of a larger text.
    /// </summary>
    public IReadOnlyList<SecretMatch> FindAll(string text, int startIndex, int length)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (startIndex < 0 || length < 0 || startIndex > text.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        List<SecretMatch>? matches = null;
        var end = startIndex + length;
        var position = startIndex;
        while (position < end)
        {
            var hit = text.IndexOfAny(_firstCharacters, position, end - position);
            if (hit < 0)
            {
                break;
            }

            if (TryMatchAt(text, hit, startIndex, end, out var match))
            {
                (matches ??= new List<SecretMatch>()).Add(match);
                position = match.End;
            }
            else
            {
                position = hit + 1;
            }
        }

        return matches is null ? Array.Empty<SecretMatch>() : matches;
    }

    private bool TryMatchAt(string text, int index, int rangeStart, int rangeEnd, out SecretMatch match)
    {
        match = default;
        if (index + 1 < rangeEnd && !HasSecondCharacter(text[index], text[index + 1]))
        {
            return false;
        }

        foreach (var candidate in _candidates[text[index]]!)
        {
            var length = candidate.MatchLength(text, index, rangeStart, rangeEnd);
            if (length > 0)
            {
                match = new SecretMatch(candidate.Pattern, candidate.Prefix, index, length);
                return true;
            }
        }

        return false;
    }

    private void AddSecondCharacter(char first, string prefix)
    {
        if (prefix.Length == 1)
        {
            _secondLow[first] = _secondHigh[first] = ulong.MaxValue; // any character may follow
        }
        else if (prefix[1] < 64)
        {
            _secondLow[first] |= 1UL << prefix[1];
        }
        else
        {
            _secondHigh[first] |= 1UL << (prefix[1] - 64);
        }
    }

    private bool HasSecondCharacter(char first, char second) => second < 64
        ? ((_secondLow[first] >> second) & 1UL) != 0
        : second < AsciiCount && ((_secondHigh[first] >> (second - 64)) & 1UL) != 0;

    private sealed class Candidate
    {
        public Candidate(string prefix, SecretPattern pattern)
        {
            Prefix = prefix;
            Pattern = pattern;
        }

        public string Prefix { get; }

        public SecretPattern Pattern { get; }

        /// <summary>The length of the key starting at <paramref name="index"/>, or 0 when there is none.</summary>
        public int MatchLength(string text, int index, int rangeStart, int rangeEnd)
        {
            var bodyStart = index + Prefix.Length;
            if (bodyStart > rangeEnd || string.CompareOrdinal(text, index, Prefix, 0, Prefix.Length) != 0)
            {
                return 0;
            }

            var characters = Pattern.Characters;
            if (index > rangeStart && characters.Contains(text[index - 1]))
            {
                return 0; // inside a longer token, e.g. "task-…" is not "sk-…"
            }

            // The body is the whole run of body characters; reading one past the maximum is enough to
            // reject a run that is too long, and keeps the cost per candidate bounded.
            var limit = Math.Min(rangeEnd, bodyStart + Pattern.MaxBodyLength + 1);
            var bodyEnd = bodyStart;
            while (bodyEnd < limit && characters.Contains(text[bodyEnd]))
            {
                bodyEnd++;
            }

            var bodyLength = bodyEnd - bodyStart;
            if (bodyLength < Pattern.MinBodyLength || bodyLength > Pattern.MaxBodyLength || !AnyLayoutMatches(text, bodyStart, bodyLength))
            {
                return 0;
            }

            var length = Prefix.Length + bodyLength;
            return Pattern.Validator is null || Pattern.Validator.IsValid(text, index, length) ? length : 0;
        }

        private bool AnyLayoutMatches(string text, int bodyStart, int bodyLength)
        {
            var layouts = Pattern.Layouts;
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
