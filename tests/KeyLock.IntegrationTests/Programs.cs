namespace KeyLock.IntegrationTests;

/// <summary>Program sources for consumer projects.</summary>
internal static class Programs
{
    /// <summary>Uses the locked package, holds no secret.</summary>
    public const string Clean = """
        using Newtonsoft.Json;

        var settings = new { Model = "gpt-4o", KeyVariable = "OPENAI_API_KEY" };
        System.Console.WriteLine(JsonConvert.SerializeObject(settings));
        """;

    /// <summary>A program that hardcodes <paramref name="key"/> the way leaked keys usually start.</summary>
    public static string WithHardcodedKey(string key) => $$"""
        using Newtonsoft.Json;

        const string apiKey = "{{key}}";
        System.Console.WriteLine(JsonConvert.SerializeObject(new { Length = apiKey.Length }));
        """;
}
