using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Secrets;

/// <summary>
/// The shape of a key body (what follows the prefix) as a sequence of segments. At most one segment
/// may have a variable length, so a body of known length is checked in one left-to-right pass with
/// no backtracking.
/// </summary>
public sealed class KeyLayout
{
    private readonly KeySegment[] _segments;
    private readonly int _fixedLength;
    private readonly int _variableIndex;

    public KeyLayout(params KeySegment[] segments)
    {
        if (segments is null || segments.Length == 0 || HasNull(segments))
        {
            throw new ArgumentException("A layout needs at least one segment.", nameof(segments));
        }

        _segments = (KeySegment[])segments.Clone();
        _variableIndex = -1;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i].HasFixedLength)
            {
                _fixedLength += _segments[i].MinLength;
            }
            else if (_variableIndex >= 0)
            {
                throw new ArgumentException("A layout may have only one variable-length segment.", nameof(segments));
            }
            else
            {
                _variableIndex = i;
            }
        }

        foreach (var segment in _segments)
        {
            MinLength = checked(MinLength + segment.MinLength);
            MaxLength = checked(MaxLength + segment.MaxLength);
        }
    }

    public IReadOnlyList<KeySegment> Segments => _segments;

    public int MinLength { get; }

    public int MaxLength { get; }

    /// <summary>
    /// Whether <paramref name="text"/>[<paramref name="start"/>..+<paramref name="length"/>] has this
    /// layout and every long random run looks random (placeholders such as all-x bodies do not).
    /// </summary>
    internal bool Matches(string text, int start, int length)
    {
        if (length < MinLength || length > MaxLength)
        {
            return false;
        }

        var position = start;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            var segmentLength = i == _variableIndex ? length - _fixedLength : segment.MinLength;
            if (!MatchesSegment(segment, text, position, segmentLength))
            {
                return false;
            }

            position += segmentLength;
        }

        return true;
    }

    private static bool MatchesSegment(KeySegment segment, string text, int position, int length)
    {
        if (segment.IsLiteral)
        {
            return string.CompareOrdinal(text, position, segment.Text, 0, length) == 0;
        }

        var characters = segment.Characters!;
        for (var i = position; i < position + length; i++)
        {
            if (!characters.Contains(text[i]))
            {
                return false;
            }
        }

        return !segment.IsJudged || !PlaceholderHeuristics.LooksLikePlaceholder(text, position, length, characters);
    }

    private static bool HasNull(KeySegment[] segments)
    {
        foreach (var segment in segments)
        {
            if (segment is null)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Join(" + ", _segments.Select(s => s.ToString()));
}
