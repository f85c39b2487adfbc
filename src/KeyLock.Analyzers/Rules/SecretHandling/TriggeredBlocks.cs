using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace KeyLock.Analyzers.Rules.SecretHandling;

/// <summary>
/// Roots of the operation trees that hold a trigger and whose block action has not run yet, each with the set of
/// rules it triggered (bit <c>i</c> for rule <c>i</c> of the compilation's active rules). A trigger marks the tree it
/// sits in; the driver runs a declaration's block actions after its operation actions, so the block action finds the
/// mark and takes it off.
/// </summary>
/// <remarks>
/// One store per compilation, not a block-start action per method body: that allocated a gate, two closures and two
/// registrations for every body (3.6 MB per rule on Semantic Kernel) to serve the few that read a secret. Almost every
/// block action of a compilation finds no mark, so the count is read first: a dictionary lookup for every method body
/// of a large project cost more than all the rules' own work (measured on Semantic Kernel).
/// </remarks>
internal sealed class TriggeredBlocks
{
    // Reference-type values: a ConcurrentDictionary over a value type would be JIT-compiled again in every compiler process.
    private readonly ConcurrentDictionary<IOperation, Marks> _roots = new();
    private int _count;

    /// <summary>Adds <paramref name="rules"/> to the mark of the tree that holds <paramref name="trigger"/>.</summary>
    public void Mark(IOperation trigger, int rules)
    {
        var root = RootOf(trigger);
        if (!_roots.TryGetValue(root, out var marks))
        {
            var created = new Marks();
            marks = _roots.GetOrAdd(root, created);
            if (marks == created)
            {
                Interlocked.Increment(ref _count);
            }
        }

        marks.Add(rules);
    }

    /// <summary>The rules marked on any of <paramref name="blocks"/> (0 for none); takes the marks off.</summary>
    public int Take(ImmutableArray<IOperation> blocks)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            return 0;
        }

        var rules = 0;
        foreach (var block in blocks)
        {
            if (_roots.TryRemove(RootOf(block), out var marks))
            {
                Interlocked.Decrement(ref _count);
                rules |= marks.Rules;
            }
        }

        return rules;
    }

    /// <summary>The rules one tree triggered, as bits; set from several threads.</summary>
    private sealed class Marks
    {
        private int _rules;

        public int Rules => Volatile.Read(ref _rules);

        public void Add(int rules)
        {
            int seen;
            do
            {
                seen = Volatile.Read(ref _rules);
            }
            while ((seen | rules) != seen && Interlocked.CompareExchange(ref _rules, seen | rules, seen) != seen);
        }
    }

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
