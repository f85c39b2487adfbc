using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using NuGet.Versioning;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// Finds the line and column of each package entry (<c>"Id": {</c>) in a packages lock file.
    /// NuGet's reader keeps no positions, so this reads the same bytes a second time with a forward-only
    /// JSON reader. It only locates; what the entries mean is NuGet's reader's job.
    /// </summary>
    internal sealed class LockFileLineLocator
    {
        private readonly List<Entry> _entries;

        private LockFileLineLocator(List<Entry> entries)
        {
            _entries = entries;
        }

        /// <summary>Every object found three levels down (root.a.b.c), in document order.</summary>
        internal IReadOnlyList<Entry> Entries => _entries;

        /// <summary>Parses the whole document. Throws <see cref="LockFileSyntaxException"/> with a position if it is not valid JSON.</summary>
        public static LockFileLineLocator Parse(byte[] utf8)
        {
            var start = JsonFiles.BodyStart(utf8);
            var lines = new LineMap(utf8, start);
            var entries = new List<Entry>();
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(utf8, start, utf8.Length - start), JsonFiles.Lenient);

            // Names of the properties whose values enclose the current token; null for the root and array items.
            var path = new List<string?>();
            string? pendingName = null;
            (int Line, int Column) pendingPosition = default;
            Entry? current = null;

            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            pendingName = reader.GetString();
                            pendingPosition = lines.Position(start + (int)reader.TokenStartIndex);
                            break;

                        case JsonTokenType.StartObject:
                            // root = depth 1; package entries are objects at depth 4 (v1/v2: root.dependencies.<target>.<id>,
                            // v3: root.<target>.dependencies.<id>).
                            if (path.Count == 3 && pendingName != null && path[1] != null && path[2] != null)
                            {
                                current = new Entry(path[1]!, path[2]!, pendingName, pendingPosition.Line, pendingPosition.Column);
                                entries.Add(current);
                            }

                            path.Add(pendingName);
                            pendingName = null;
                            break;

                        case JsonTokenType.StartArray:
                            path.Add(pendingName);
                            pendingName = null;
                            break;

                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            if (path.Count == 4)
                            {
                                current = null;
                            }

                            path.RemoveAt(path.Count - 1);
                            break;

                        case JsonTokenType.String:
                            if (current != null && path.Count == 4)
                            {
                                if (pendingName == LockFileJson.Resolved)
                                {
                                    current.Resolved = reader.GetString();
                                }
                                else if (pendingName == LockFileJson.ContentHash)
                                {
                                    current.ContentHash = reader.GetString();
                                }
                                else if (pendingName == LockFileJson.Type)
                                {
                                    current.Type = reader.GetString();
                                }
                            }

                            pendingName = null;
                            break;

                        default:
                            pendingName = null;
                            break;
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new LockFileSyntaxException(
                    TrimPositionSuffix(ex.Message),
                    (int)(ex.LineNumber ?? -1) + 1,
                    (int)(ex.BytePositionInLine ?? -1) + 1,
                    ex);
            }

            return new LockFileLineLocator(entries);
        }

        /// <summary>
        /// Where the first entry for the package is. Matches by id and resolved version, because target names
        /// (".NETCoreApp,Version=v8.0", "net8.0", an alias) are spelled differently across lock file versions.
        /// </summary>
        public (int Line, int Column) Find(string id, NuGetVersion version, int lockFileVersion) =>
            Find(id, lockFileVersion, entry => entry.ResolvedVersion == version);

        /// <summary>The first entry for <paramref name="id"/> that satisfies <paramref name="match"/>, else the first entry for the id, else (0, 0).</summary>
        public (int Line, int Column) Find(string id, int lockFileVersion, Func<Entry, bool> match)
        {
            Entry? idOnly = null;
            foreach (var entry in _entries)
            {
                if (!string.Equals(entry.Id, id, StringComparison.OrdinalIgnoreCase) || !IsPackageEntry(entry, lockFileVersion))
                {
                    continue;
                }

                if (match(entry))
                {
                    return (entry.Line, entry.Column);
                }

                idOnly ??= entry;
            }

            return idOnly == null ? (0, 0) : (idOnly.Line, idOnly.Column);
        }

        /// <summary>The first package entry for <paramref name="id"/> in either layout, for a file whose version is unknown; else (0, 0).</summary>
        public (int Line, int Column) FindAnyVersion(string id)
        {
            var position = Find(id, 1, _ => true);
            return position == (0, 0) ? Find(id, 3, _ => true) : position;
        }

        private static bool IsPackageEntry(Entry entry, int lockFileVersion) =>
            lockFileVersion >= 3
                ? string.Equals(entry.Second, LockFileJson.Dependencies, StringComparison.Ordinal)
                : string.Equals(entry.First, LockFileJson.Dependencies, StringComparison.Ordinal);

        // System.Text.Json appends " LineNumber: n | BytePositionInLine: m."; the position goes into the error's location instead.
        private static string TrimPositionSuffix(string message)
        {
            var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return at > 0 ? message.Substring(0, at).TrimEnd() : message;
        }

        internal sealed class Entry
        {
            public Entry(string first, string second, string id, int line, int column)
            {
                First = first;
                Second = second;
                Id = id;
                Line = line;
                Column = column;
            }

            /// <summary>Property name at depth 2: "dependencies" (v1/v2) or the target (v3).</summary>
            public string First { get; }

            /// <summary>Property name at depth 3: the target (v1/v2) or "dependencies" (v3).</summary>
            public string Second { get; }

            public string Id { get; }

            public int Line { get; }

            public int Column { get; }

            public string? Resolved { get; set; }

            public string? ContentHash { get; set; }

            public string? Type { get; set; }

            public NuGetVersion? ResolvedVersion =>
                Resolved != null && NuGetVersion.TryParse(Resolved, out var version) ? version : null;
        }

        /// <summary>Byte offset to 1-based line and column (columns count characters, not bytes).</summary>
        private sealed class LineMap
        {
            private readonly byte[] _bytes;
            private readonly List<int> _lineStarts = new List<int>();

            public LineMap(byte[] bytes, int start)
            {
                _bytes = bytes;
                _lineStarts.Add(start);
                for (var i = start; i < bytes.Length; i++)
                {
                    if (bytes[i] == (byte)'\n')
                    {
                        _lineStarts.Add(i + 1);
                    }
                }
            }

            public (int Line, int Column) Position(int offset)
            {
                var index = _lineStarts.BinarySearch(offset);
                if (index < 0)
                {
                    index = ~index - 1;
                }

                var lineStart = _lineStarts[index];
                var column = Encoding.UTF8.GetCharCount(_bytes, lineStart, offset - lineStart) + 1;
                return (index + 1, column);
            }
        }
    }

    /// <summary>The lock file is not valid JSON; carries the 1-based position the JSON reader stopped at.</summary>
    internal sealed class LockFileSyntaxException : Exception
    {
        public LockFileSyntaxException(string message, int line, int column, Exception inner)
            : base(message, inner)
        {
            Line = Math.Max(line, 0);
            Column = Math.Max(column, 0);
        }

        public int Line { get; }

        public int Column { get; }
    }
}
