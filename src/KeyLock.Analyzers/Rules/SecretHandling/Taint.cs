using System;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// What a value holds, as far as the secret-handling rules care. A value can be several at once (a
/// local assigned in two places), so this is a set of flags.
/// </summary>
[Flags]
internal enum Taint
{
    None = 0,

    /// <summary>Many name/value pairs: the environment dictionary, configuration pairs, a copy of them.</summary>
    Entries = 1,

    /// <summary>Many values without their names, e.g. <c>env.Values</c>.</summary>
    Values = 2,

    /// <summary>Many names without their values, e.g. <c>env.Keys</c>. Harmless on its own.</summary>
    Names = 4,

    /// <summary>One name/value pair, e.g. the <c>DictionaryEntry</c> of a <c>foreach</c>.</summary>
    Entry = 8,

    /// <summary>A value (or text that contains one): the thing that must not reach a sink.</summary>
    Value = 16,

    /// <summary>One name, e.g. <c>entry.Key</c>. Harmless on its own, but indexing the blob with it yields a value.</summary>
    Name = 32,

    /// <summary>The kinds that expose values when they reach a sink.</summary>
    Exposing = Entries | Values | Entry | Value,
}

internal static class TaintExtensions
{
    public static bool Exposes(this Taint taint) => (taint & Taint.Exposing) != 0;

    /// <summary>The taint of one element when <paramref name="taint"/> is enumerated.</summary>
    public static Taint Element(this Taint taint)
    {
        var result = Taint.None;
        if ((taint & Taint.Entries) != 0)
        {
            result |= Taint.Entry;
        }

        if ((taint & Taint.Values) != 0)
        {
            result |= Taint.Value;
        }

        if ((taint & Taint.Names) != 0)
        {
            result |= Taint.Name;
        }

        return result;
    }

    /// <summary>The taint of a collection whose elements have <paramref name="taint"/>.</summary>
    public static Taint Collection(this Taint taint)
    {
        var result = Taint.None;
        if ((taint & (Taint.Entry | Taint.Entries)) != 0)
        {
            result |= Taint.Entries;
        }

        if ((taint & (Taint.Value | Taint.Values)) != 0)
        {
            result |= Taint.Values;
        }

        if ((taint & (Taint.Name | Taint.Names)) != 0)
        {
            result |= Taint.Names;
        }

        return result;
    }

    /// <summary>The taint of text built from a value with <paramref name="taint"/> (interpolation, concatenation, ToString, Join).</summary>
    public static Taint AsText(this Taint taint) =>
        taint.Exposes() ? Taint.Value : (taint & (Taint.Name | Taint.Names)) != 0 ? Taint.Name : Taint.None;
}

/// <summary>A taint and where it came from (e.g. <c>Environment.GetEnvironmentVariables()</c> or <c>OPENAI_API_KEY</c>), for messages.</summary>
internal readonly struct TaintedValue
{
    public static readonly TaintedValue Clean = default;

    public TaintedValue(Taint taint, string? origin)
    {
        Taint = taint;
        Origin = taint == Taint.None ? null : origin;
    }

    public Taint Taint { get; }

    public string? Origin { get; }

    public bool IsClean => Taint == Taint.None;

    public TaintedValue With(Taint taint) => new(taint, Origin);

    public TaintedValue Union(TaintedValue other) =>
        IsClean ? other : other.IsClean ? this : new TaintedValue(Taint | other.Taint, Origin ?? other.Origin);
}
