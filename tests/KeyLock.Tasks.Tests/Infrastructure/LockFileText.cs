using System.Text;

namespace KeyLock.Tasks.Tests.Infrastructure;

/// <summary>Writes packages.lock.json text in the layout NuGet writes (version 1/2: "dependencies" → target → id).</summary>
internal sealed class LockFileText
{
    private readonly List<(string Target, List<LockEntry> Entries)> _targets = new();

    public int Version { get; init; } = 1;

    public LockFileText Target(string name, params LockEntry[] entries)
    {
        _targets.Add((name, entries.ToList()));
        return this;
    }

    public string Render(string newline = "\n")
    {
        var sb = new StringBuilder();
        sb.Append('{').Append(newline);
        sb.Append($"  \"version\": {Version},").Append(newline);
        sb.Append("  \"dependencies\": {").Append(newline);
        for (var t = 0; t < _targets.Count; t++)
        {
            var (target, entries) = _targets[t];
            sb.Append($"    \"{target}\": {{").Append(newline);
            for (var e = 0; e < entries.Count; e++)
            {
                AppendEntry(sb, entries[e], "      ", newline, last: e == entries.Count - 1);
            }

            sb.Append("    }").Append(t == _targets.Count - 1 ? string.Empty : ",").Append(newline);
        }

        sb.Append("  }").Append(newline);
        sb.Append('}').Append(newline);
        return sb.ToString();
    }

    public string WriteTo(string path)
    {
        File.WriteAllText(path, Render());
        return path;
    }

    internal static void AppendEntry(StringBuilder sb, LockEntry entry, string indent, string newline, bool last)
    {
        sb.Append($"{indent}\"{entry.Id}\": {{").Append(newline);
        var fields = new List<string> { $"\"type\": \"{entry.Type}\"" };
        if (entry.Type is "Direct" or "CentralTransitive")
        {
            fields.Add($"\"requested\": \"[{entry.Version}, )\"");
        }

        if (entry.Version != null && entry.Type != "Project")
        {
            fields.Add($"\"resolved\": \"{entry.Version}\"");
        }

        if (entry.ContentHash != null)
        {
            fields.Add($"\"contentHash\": \"{entry.ContentHash}\"");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            sb.Append(indent).Append("  ").Append(fields[i]).Append(i == fields.Count - 1 ? string.Empty : ",").Append(newline);
        }

        sb.Append(indent).Append('}').Append(last ? string.Empty : ",").Append(newline);
    }

    /// <summary>1-based line of the first <c>"id": {</c> under <paramref name="target"/>, found by plain text search.</summary>
    public static int LineOf(string lockFilePath, string id, string? target = null)
    {
        var lines = File.ReadAllLines(lockFilePath);
        var start = 0;
        if (target != null)
        {
            start = Array.FindIndex(lines, l => l.TrimStart().StartsWith($"\"{target}\": {{", StringComparison.Ordinal));
            Assert.True(start >= 0, $"target {target} not in lock file");
        }

        var index = Array.FindIndex(lines, start, l => l.TrimStart().StartsWith($"\"{id}\": {{", StringComparison.Ordinal));
        Assert.True(index >= 0, $"entry {id} not in lock file");
        return index + 1;
    }
}

internal sealed record LockEntry(string Id, string? Version, string? ContentHash, string Type = "Direct")
{
    public static LockEntry Project(string id) => new(id, null, null, "Project");
}
