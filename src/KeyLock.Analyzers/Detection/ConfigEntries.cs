using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace KeyLock.Analyzers.Detection;

/// <summary>The formats of config files KeyLock reads.</summary>
internal enum ConfigFormat
{
    /// <summary>Not a config file: not scanned.</summary>
    None,

    /// <summary>Any other file the user listed: scanned as plain text, no names.</summary>
    Text,

    /// <summary>JSON with comments (<c>appsettings*.json</c>, <c>launchSettings.json</c>).</summary>
    Json,

    /// <summary><c>.env</c> files: <c>NAME=value</c> lines.</summary>
    DotEnv,

    /// <summary>YAML (<c>docker-compose*.yml</c>): <c>key: value</c> and <c>- NAME=value</c> lines.</summary>
    Yaml,
}

/// <summary>A value in a config file and the name it is stored under (a JSON path such as <c>OpenAI:ApiKey</c>, a variable, a YAML key).</summary>
internal readonly struct ConfigEntry
{
    public ConfigEntry(string name, int start, int length)
    {
        Name = name;
        Start = start;
        Length = length;
    }

    public string Name { get; }

    public int Start { get; }

    public int Length { get; }
}

/// <summary>
/// Small, tolerant readers for config files: they never throw on malformed input, never allocate the
/// values themselves, and return each value's exact position in the text so that findings point at the
/// line and column. Pure functions; no file I/O (the text comes from an <c>AdditionalText</c>).
/// </summary>
internal static class ConfigEntries
{
    /// <summary>The format of <paramref name="path"/> by its file name, for files KeyLock adds by default or the user listed.</summary>
    public static ConfigFormat FormatOf(string path, bool listedByUser)
    {
        var name = Path.GetFileName(path);
        if (name.Equals(".env", StringComparison.OrdinalIgnoreCase) || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".env", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFormat.DotEnv;
        }

        var extension = Path.GetExtension(name);
        var isJson = extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
        var isYaml = extension.Equals(".yml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase);
        if (listedByUser)
        {
            return isJson ? ConfigFormat.Json : isYaml ? ConfigFormat.Yaml : ConfigFormat.Text;
        }

        if (isJson && (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase)))
        {
            return ConfigFormat.Json;
        }

        return isYaml && (name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase) || name.StartsWith("compose", StringComparison.OrdinalIgnoreCase))
            ? ConfigFormat.Yaml
            : ConfigFormat.None;
    }

    public static List<ConfigEntry> Read(ConfigFormat format, string text) => format switch
    {
        ConfigFormat.Json => ReadJson(text),
        ConfigFormat.DotEnv => ReadLines(text, yaml: false),
        ConfigFormat.Yaml => ReadLines(text, yaml: true),
        _ => new List<ConfigEntry>(),
    };

    /// <summary>
    /// String values of a JSON document with their configuration paths (<c>OpenAI:ApiKey</c>,
    /// <c>profiles:web:environmentVariables:OPENAI_API_KEY</c>, array items by index). Comments and trailing
    /// commas are tolerated; the raw (still escaped) text between the quotes is the value.
    /// </summary>
    internal static List<ConfigEntry> ReadJson(string text)
    {
        var entries = new List<ConfigEntry>();
        var frames = new List<JsonFrame>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    i = SkipLine(text, i);
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = close < 0 ? text.Length : close + 2;
                    continue;
                case '{':
                    frames.Add(new JsonFrame(isObject: true));
                    break;
                case '[':
                    frames.Add(new JsonFrame(isObject: false));
                    break;
                case '}' or ']' when frames.Count > 0:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case ':' when frames.Count > 0:
                    frames[frames.Count - 1].ExpectKey = false;
                    break;
                case ',' when frames.Count > 0:
                    var top = frames[frames.Count - 1];
                    top.ExpectKey = top.IsObject;
                    top.Index++;
                    break;
                case '"':
                    var start = i + 1;
                    var end = StringEnd(text, start);
                    if (frames.Count > 0 && frames[frames.Count - 1] is { IsObject: true, ExpectKey: true } owner)
                    {
                        owner.Key = text.Substring(start, end - start);
                    }
                    else
                    {
                        entries.Add(new ConfigEntry(JsonPath(frames), start, end - start));
                    }

                    i = end + 1;
                    continue;
            }

            i++;
        }

        return entries;
    }

    /// <summary><c>.env</c> (<c>[export ]NAME=value</c>) or YAML (<c>key: value</c>, <c>- NAME=value</c>) lines.</summary>
    internal static List<ConfigEntry> ReadLines(string text, bool yaml)
    {
        var entries = new List<ConfigEntry>();
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            ReadLine(text, lineStart, lineEnd, yaml, entries);
            lineStart = lineEnd + 1;
        }

        return entries;
    }

    private static void ReadLine(string text, int start, int end, bool yaml, List<ConfigEntry> entries)
    {
        var i = SkipSpaces(text, start, end);
        if (i >= end || text[i] == '#')
        {
            return;
        }

        if (yaml && text[i] == '-' && i + 1 < end && text[i + 1] == ' ')
        {
            i = SkipSpaces(text, i + 1, end); // a list item: "- OPENAI_API_KEY=…"
        }

        if (!yaml && string.CompareOrdinal(text, i, "export ", 0, 7) == 0)
        {
            i = SkipSpaces(text, i + 7, end);
        }

        var nameStart = i;
        var nameEnd = -1;
        var valueStart = -1;
        for (; i < end; i++)
        {
            var c = text[i];
            if (c == '=' && (!yaml || text[nameStart] is not ('"' or '\'')))
            {
                nameEnd = i;
                valueStart = i + 1;
                break;
            }

            if (yaml && c == ':' && (i + 1 == end || text[i + 1] is ' ' or '\t' or '\r'))
            {
                nameEnd = i;
                valueStart = i + 1;
                break;
            }

            if (c is ' ' or '\t' && !yaml)
            {
                return;
            }
        }

        if (nameEnd <= nameStart)
        {
            return;
        }

        var name = text.Substring(nameStart, nameEnd - nameStart).Trim().Trim('"', '\'');
        var (valueFrom, valueTo) = Value(text, SkipSpaces(text, valueStart, end), end);
        if (valueTo > valueFrom && name.Length > 0)
        {
            entries.Add(new ConfigEntry(name, valueFrom, valueTo - valueFrom));
        }
    }

    /// <summary>The value's range: inside quotes, or up to a <c> #</c> comment, without trailing spaces.</summary>
    private static (int From, int To) Value(string text, int start, int end)
    {
        if (start >= end)
        {
            return (start, start);
        }

        var quote = text[start];
        if (quote is '"' or '\'')
        {
            var close = text.IndexOf(quote, start + 1, end - start - 1);
            return close < 0 ? (start + 1, TrimEnd(text, start + 1, end)) : (start + 1, close);
        }

        if (quote is '|' or '>' or '{' or '[' or '&' or '*')
        {
            return (start, start); // YAML block scalars, flow collections, anchors: left to the plain-text scan
        }

        var to = end;
        for (var i = start + 1; i < end; i++)
        {
            if (text[i] == '#' && text[i - 1] is ' ' or '\t')
            {
                to = i;
                break;
            }
        }

        return (start, TrimEnd(text, start, to));
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static int SkipSpaces(string text, int i, int end)
    {
        while (i < end && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static int SkipLine(string text, int i)
    {
        var newline = text.IndexOf('\n', i);
        return newline < 0 ? text.Length : newline + 1;
    }

    /// <summary>The closing quote's index, or the end of the line for an unterminated string.</summary>
    private static int StringEnd(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                case '\n':
                    return i;
            }
        }

        return text.Length;
    }

    private static string JsonPath(List<JsonFrame> frames)
    {
        var builder = new StringBuilder();
        foreach (var frame in frames)
        {
            var segment = frame.IsObject ? frame.Key : frame.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (segment is null)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(':');
            }

            builder.Append(segment);
        }

        return builder.ToString();
    }

    private sealed class JsonFrame
    {
        public JsonFrame(bool isObject)
        {
            IsObject = isObject;
            ExpectKey = isObject;
        }

        public bool IsObject { get; }

        public bool ExpectKey { get; set; }

        public string? Key { get; set; }

        public int Index { get; set; }
    }
}
