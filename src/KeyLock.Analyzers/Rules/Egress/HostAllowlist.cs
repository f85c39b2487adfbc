using System;
using System.Collections.Generic;
using System.Linq;

namespace KeyLock.Analyzers.Rules.Egress;

/// <summary>
/// The hosts a project may call, parsed from <c>keylock.egress_allow</c>: a list separated by commas or
/// spaces of exact hosts (<c>api.openai.com</c>) and leading wildcards (<c>*.openai.azure.com</c>
/// matches any subdomain, not <c>openai.azure.com</c> itself; <c>*-aiplatform.googleapis.com</c> matches
/// <c>us-central1-aiplatform.googleapis.com</c>). Case does not matter; a scheme, port or
/// path written by mistake is ignored. Loopback hosts are never egress.
/// </summary>
internal sealed class HostAllowlist
{
    /// <summary>The <c>.editorconfig</c>/<c>.globalconfig</c> key.</summary>
    public const string OptionKey = "keylock.egress_allow";

    private static readonly char[] Separators = { ',', ' ', '\t', '\r', '\n' };

    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = new();

    private HostAllowlist(IEnumerable<string> entries)
    {
        foreach (var raw in entries)
        {
            var entry = HostOf(raw);
            if (entry == "*")
            {
                AllowsAll = true;
            }
            else if (entry.StartsWith("*", StringComparison.Ordinal))
            {
                _suffixes.Add(entry.Substring(1));
            }
            else if (entry.Length > 0)
            {
                _exact.Add(entry);
            }
        }
    }

    public bool AllowsAll { get; }

    public bool IsEmpty => !AllowsAll && _exact.Count == 0 && _suffixes.Count == 0;

    /// <summary>The allowlist in <paramref name="value"/>; empty (the rule is off) for null or blank text.</summary>
    public static HostAllowlist Parse(string? value) =>
        new((value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries));

    public bool Allows(string host)
    {
        if (AllowsAll || IsLoopback(host) || _exact.Contains(host))
        {
            return true;
        }

        return _suffixes.Any(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.StartsWith("127.", StringComparison.Ordinal)
        || host is "[::1]" or "::1";

    /// <summary>Tolerates <c>https://api.openai.com:443/v1</c> in the list: keeps only the host.</summary>
    private static string HostOf(string entry)
    {
        var start = entry.IndexOf("://", StringComparison.Ordinal);
        if (start >= 0)
        {
            entry = entry.Substring(start + 3);
        }

        var end = entry.IndexOfAny(new[] { '/', ':' });
        return (end >= 0 ? entry.Substring(0, end) : entry).Trim().TrimEnd('.');
    }
}
