using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KeyLock.Tasks.Policy
{
    internal enum PolicyJsonKind
    {
        Object,
        Array,
        String,
        Number,
        Boolean,
        Null,
    }

    /// <summary>
    /// One JSON value of keylock.json with the line and column where it starts, so a policy error can point at the exact
    /// place to fix. Built with <see cref="Utf8JsonReader"/> (System.Text.Json), which reports byte offsets only.
    /// </summary>
    internal sealed class PolicyJsonNode
    {
        private PolicyJsonNode(PolicyJsonKind kind, int line, int column)
        {
            Kind = kind;
            Line = line;
            Column = column;
        }

        public PolicyJsonKind Kind { get; }

        public int Line { get; }

        public int Column { get; }

        /// <summary>String value, or the number's raw text, or "true"/"false".</summary>
        public string? Text { get; private set; }

        /// <summary>Object members in file order; names are unique (duplicates are a parse error).</summary>
        public List<KeyValuePair<string, PolicyJsonNode>> Properties { get; } = new List<KeyValuePair<string, PolicyJsonNode>>();

        public List<PolicyJsonNode> Items { get; } = new List<PolicyJsonNode>();

        public string KindName => Kind switch
        {
            PolicyJsonKind.Object => "an object",
            PolicyJsonKind.Array => "an array",
            PolicyJsonKind.String => "a string",
            PolicyJsonKind.Number => "a number",
            PolicyJsonKind.Boolean => "a boolean",
            _ => "null",
        };

        /// <summary>Parses the whole file; throws <see cref="PolicyJsonException"/> with a position for malformed JSON.</summary>
        public static PolicyJsonNode Parse(byte[] utf8)
        {
            var start = JsonFiles.BodyStart(utf8);
            var positions = new TextPositions(utf8, start);
            var reader = new Utf8JsonReader(
                new ReadOnlySpan<byte>(utf8, start, utf8.Length - start),
                JsonFiles.Lenient with { MaxDepth = 32 });
            try
            {
                if (!reader.Read())
                {
                    throw new PolicyJsonException("the file is empty", 1, 1);
                }

                var root = ReadValue(ref reader, positions);
                if (reader.Read())
                {
                    var (line, column) = positions.At(reader.TokenStartIndex);
                    throw new PolicyJsonException("there is more text after the top-level value", line, column);
                }

                return root;
            }
            catch (JsonException ex)
            {
                // LineNumber and BytePositionInLine are 0-based.
                throw new PolicyJsonException(
                    TrimReaderMessage(ex.Message),
                    (int)(ex.LineNumber ?? 0) + 1,
                    (int)(ex.BytePositionInLine ?? 0) + 1);
            }
        }

        private static PolicyJsonNode ReadValue(ref Utf8JsonReader reader, TextPositions positions)
        {
            var (line, column) = positions.At(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                {
                    var node = new PolicyJsonNode(PolicyJsonKind.Object, line, column);
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var (nameLine, nameColumn) = positions.At(reader.TokenStartIndex);
                        var name = reader.GetString() ?? string.Empty;
                        if (!names.Add(name))
                        {
                            throw new PolicyJsonException($"\"{name}\" appears twice in the same object", nameLine, nameColumn);
                        }

                        reader.Read();
                        node.Properties.Add(new KeyValuePair<string, PolicyJsonNode>(name, ReadValue(ref reader, positions)));
                    }

                    return node;
                }

                case JsonTokenType.StartArray:
                {
                    var node = new PolicyJsonNode(PolicyJsonKind.Array, line, column);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        node.Items.Add(ReadValue(ref reader, positions));
                    }

                    return node;
                }

                case JsonTokenType.String:
                    return new PolicyJsonNode(PolicyJsonKind.String, line, column) { Text = reader.GetString() };
                case JsonTokenType.Number:
                    return new PolicyJsonNode(PolicyJsonKind.Number, line, column)
                    {
                        Text = Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
                    };
                case JsonTokenType.True:
                    return new PolicyJsonNode(PolicyJsonKind.Boolean, line, column) { Text = "true" };
                case JsonTokenType.False:
                    return new PolicyJsonNode(PolicyJsonKind.Boolean, line, column) { Text = "false" };
                case JsonTokenType.Null:
                    return new PolicyJsonNode(PolicyJsonKind.Null, line, column);
                default:
                    throw new PolicyJsonException($"unexpected {reader.TokenType}", line, column);
            }
        }

        public bool TryGetNumber(out double value) =>
            double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        private static string TrimReaderMessage(string message)
        {
            // "'x' is an invalid start of a value. LineNumber: 2 | BytePositionInLine: 4." -> keep the first sentence.
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).TrimEnd('.', ' ');
        }

        /// <summary>Maps byte offsets (relative to the start after the BOM) to 1-based line and character column.</summary>
        private sealed class TextPositions
        {
            private readonly byte[] _bytes;
            private readonly int _start;
            private readonly List<int> _lineStarts = new List<int> { 0 };

            public TextPositions(byte[] bytes, int start)
            {
                _bytes = bytes;
                _start = start;
                for (var i = start; i < bytes.Length; i++)
                {
                    if (bytes[i] == (byte)'\n')
                    {
                        _lineStarts.Add(i - start + 1);
                    }
                }
            }

            public (int Line, int Column) At(long offset)
            {
                var index = _lineStarts.BinarySearch((int)offset);
                var line = index >= 0 ? index : ~index - 1;
                var lineStart = _lineStarts[line];
                var column = Encoding.UTF8.GetCharCount(_bytes, _start + lineStart, (int)offset - lineStart) + 1;
                return (line + 1, column);
            }
        }
    }

    /// <summary>keylock.json is not valid JSON (or not the JSON KeyLock accepts), at a 1-based position.</summary>
    internal sealed class PolicyJsonException : Exception
    {
        public PolicyJsonException(string reason, int line, int column)
            : base(reason)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }
}
