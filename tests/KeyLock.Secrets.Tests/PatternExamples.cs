using System.Text;

namespace KeyLock.Secrets.Tests;

/// <summary>
/// Generates a key for any catalog pattern from its own layout at run time, so that every new pattern
/// is exercised by the catalog tests without a key-shaped literal in the repository.
/// </summary>
internal static class PatternExamples
{
    public static string Generate(SecretPattern pattern, KeyLayout layout, int seed, string? prefix = null)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(prefix ?? pattern.Prefixes[0]);
        foreach (var segment in layout.Segments)
        {
            if (segment.IsLiteral)
            {
                builder.Append(segment.Text);
                continue;
            }

            var alphabet = Alphabet(segment.Characters!);
            var length = random.Next(segment.MinLength, segment.MaxLength + 1);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }
        }

        return builder.ToString();
    }

    public static IEnumerable<(SecretPattern Pattern, KeyLayout Layout, string Prefix)> AllShapes() =>
        from pattern in SecretCatalog.All
        from layout in pattern.Layouts
        from prefix in pattern.Prefixes
        select (pattern, layout, prefix);

    public static string Alphabet(CharacterSet characters) =>
        new(Enumerable.Range(0, 128).Select(c => (char)c).Where(characters.Contains).ToArray());
}
