using KeyLock.Testing;
using Xunit.Abstractions;

namespace KeyLock.Secrets.Tests;

/// <summary>
/// Recall and precision on a generated mixed corpus: true secrets of every pattern planted in realistic
/// surroundings (C#, JSON, .env, YAML, XML, comments, headers), and look-alikes in the same surroundings.
/// Run with: <c>dotnet test tests/KeyLock.Secrets.Tests --filter MixedCorpus --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class MixedCorpusTests(ITestOutputHelper output)
{
    private const int TrueSamples = 2000;
    private const int LookAlikeSamples = 2000;

    private static readonly string[] Templates =
    {
        "var apiKey = \"{0}\";",
        "  \"{1}\": \"{0}\",",
        "{1}={0}",
        "export {1}='{0}'",
        "    {1}: {0}",
        "// rotated on Monday: {0}",
        "<add key=\"{1}\" value=\"{0}\" />",
        "client.DefaultRequestHeaders.Add(\"Authorization\", \"Bearer {0}\");",
        "new ApiKeyCredential(\"{0}\"), // {1}",
        "private const string Secret = @\"{0}\";",
    };

    [Fact]
    public void RecallAndPrecision_AreAtLeast98Percent()
    {
        var random = new Random(2026);
        var patterns = SecretCatalog.All;
        int truePositives = 0, falsePositives = 0, missed = 0;
        var missedByPattern = new Dictionary<string, int>();
        var falseByReason = new Dictionary<string, int>();

        for (var i = 0; i < TrueSamples; i++)
        {
            var pattern = patterns[i % patterns.Count];
            var secret = FakeSecrets.Generate(pattern.Id, random.Next());
            var name = pattern.RequiresContext || random.Next(2) == 0 ? pattern.EnvironmentVariable : "Setting" + i;
            var context = pattern.RequiresContext ? pattern.EnvironmentVariable : pattern.RequiresCredentialPosition ? "Authorization" : random.Next(3) == 0 ? name : null;
            var text = Fill(Templates[random.Next(Templates.Length)], secret, name);
            var start = text.IndexOf(secret, StringComparison.Ordinal);

            var found = false;
            foreach (var match in Reported(text, context))
            {
                if (match.Pattern == pattern && match.Index < start + secret.Length && start < match.End)
                {
                    found = true;
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                    Count(falseByReason, "extra " + match.Pattern.Id + " next to " + pattern.Id);
                }
            }

            if (!found)
            {
                missed++;
                Count(missedByPattern, pattern.Id);
            }
        }

        var lookAlikeCount = 0;
        for (var seed = 1; lookAlikeCount < LookAlikeSamples; seed++)
        {
            foreach (var lookAlike in FakeSecrets.LookAlikes(seed))
            {
                if (lookAlikeCount++ == LookAlikeSamples)
                {
                    break;
                }

                var text = Fill(Templates[random.Next(Templates.Length)], lookAlike.Text, lookAlike.Context ?? "Value");
                foreach (var match in Reported(text, lookAlike.Context))
                {
                    falsePositives++;
                    Count(falseByReason, lookAlike.Reason + " as " + match.Pattern.Id);
                }
            }
        }

        var recall = truePositives / (double)(truePositives + missed);
        var precision = truePositives / (double)(truePositives + falsePositives);
        output.WriteLine($"patterns: {patterns.Count}; true secrets: {TrueSamples}; look-alikes: {LookAlikeSamples}");
        output.WriteLine($"true positives: {truePositives}; missed: {missed}; false positives: {falsePositives}");
        output.WriteLine($"recall: {recall:F4}; precision: {precision:F4}");
        foreach (var pair in missedByPattern.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"missed {pair.Value}x {pair.Key}");
        }

        foreach (var pair in falseByReason.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"false positive {pair.Value}x {pair.Key}");
        }

        Assert.True(recall >= 0.98, $"recall {recall:F4}");
        Assert.True(precision >= 0.98, $"precision {precision:F4}");
    }

    // What a rule would report: everything but low-confidence matches outside a credential position.
    private static IEnumerable<SecretMatch> Reported(string text, string? context) =>
        SecretMatcher.Default.FindAll(text, context)
            .Where(m => m.Pattern.Confidence != SecretConfidence.Low || (m.Pattern.RequiresCredentialPosition && context == "Authorization"));

    private static string Fill(string template, string secret, string name) => template.Replace("{1}", name).Replace("{0}", secret);

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
