using System.Globalization;
using KeyLock.Analyzers.Detection;
using KeyLock.Analyzers.Tests.Helpers;
using KeyLock.Testing;
using static KeyLock.Analyzers.Tests.Helpers.ConfigFileRun;

namespace KeyLock.Analyzers.Tests.Rules.HardcodedSecrets;

/// <summary>Config files: the same ids as in C#, at the exact line and column, never printing the key.</summary>
public sealed class ConfigFileSecretAnalyzerTests
{
    private static readonly string Key = FakeKeys.OpenAIProject();
    private static readonly string Secret = RandomSecrets.Alphanumeric32();

    [Fact]
    public async Task AppSettings_KnownKeyAndNamedSecret_ExactLineAndColumn()
    {
        var json = $$"""
            {
              // JSON with comments, as ASP.NET Core allows
              "OpenAI": { "ApiKey": "{{Key}}", "Model": "gpt-4o" },
              "Internal": {
                "ServiceToken": "{{Secret}}",
                "Endpoint": "https://internal.example/api"
              },
              "Mistral": { "ApiKey": "{{FakeSecrets.Generate("mistral-api-key", 3)}}" }
            }
            """;

        var diagnostics = await AnalyzeAsync(("/src/app/appsettings.json", json, null));

        Assert.Equal(
            new[] { "appsettings.json(3,26): KL1001", "appsettings.json(5,22): KL1004", "appsettings.json(8,27): KL1001" },
            diagnostics.Select(Render).Order());
        var named = diagnostics.Single(d => d.Id == "KL1004");
        Assert.Equal("Internal:ServiceToken", named.Properties[DiagnosticPropertyNames.Setting]);
        Assert.Equal("Setting 'Internal:ServiceToken' is given the hardcoded value '\u2026" + Secret[^4..] + "', which looks like a secret; read it from configuration or a secret store instead, for example the environment variable INTERNAL_SERVICE_TOKEN",
            named.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Mistral:ApiKey", diagnostics.Single(d => d.Location.GetLineSpan().StartLinePosition.Line == 7).Properties[DiagnosticPropertyNames.Setting]);
        Assert.All(diagnostics, d => Assert.DoesNotContain(Secret[4..20], d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.DoesNotContain(Key[10..30], d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task DotEnv_VariablesAndComments()
    {
        var env = $"""
            # local development only
            export OPENAI_API_KEY="{Key}"
            MODEL=gpt-4o
            INTERNAL_API_TOKEN={Secret} # rotated monthly
            DATABASE_PASSWORD=
            PLACEHOLDER_API_KEY=your-api-key-goes-here-1234
            """;

        var diagnostics = await AnalyzeAsync(("/src/app/.env.local", env, null));

        Assert.Equal(new[] { ".env.local(2,24): KL1001", ".env.local(4,20): KL1004" }, diagnostics.Select(Render).Order());
    }

    [Fact]
    public async Task DockerCompose_MappingsAndLists()
    {
        var yaml = $"""
            services:
              api:
                image: app:latest
                environment:
                  - OPENAI_API_KEY={Key}
                  INTERNAL_TOKEN: "{Secret}"
                  LOG_LEVEL: debug
            """;

        var diagnostics = await AnalyzeAsync(("/src/docker-compose.override.yml", yaml, null));

        Assert.Equal(new[] { "docker-compose.override.yml(5,24): KL1001", "docker-compose.override.yml(6,24): KL1004" }, diagnostics.Select(Render).Order());
    }

    [Fact]
    public async Task LaunchSettings_EnvironmentVariables()
    {
        var json = $$"""
            {
              "profiles": {
                "web": {
                  "commandName": "Project",
                  "environmentVariables": { "ASPNETCORE_ENVIRONMENT": "Development", "OPENAI_API_KEY": "{{Key}}" }
                }
              }
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(("/src/Properties/launchSettings.json", json, null)));

        Assert.Equal("launchSettings.json(5,93): KL1001", Render(diagnostic));
    }

    [Fact]
    public async Task Tagging_DecidesWhichFilesAreScanned()
    {
        var json = $$"""{ "ApiKey": "{{Key}}" }""";

        var diagnostics = await AnalyzeAsync(
            ("/src/secrets.json", json, null),                 // not a default name, not tagged
            ("/src/appsettings.Development.json", json, ""),   // tagged empty: removed from KeyLockConfigFile
            ("/src/config/keys.yaml", "ApiKey: " + Key, "true"),  // listed by the user
            ("/src/notes.txt", "key " + Key, "true"));         // any other listed file: plain text

        Assert.Equal(new[] { "keys.yaml(1,9): KL1001", "notes.txt(1,5): KL1001" }, diagnostics.Select(Render).Order());
    }

    [Fact]
    public async Task NonSecrets_NoDiagnostic()
    {
        var json = $$"""
            {
              "OpenAI": { "ApiKey": "", "ApiKeyVariable": "OPENAI_API_KEY", "Placeholder": "<your key>" },
              "Auth": { "ClientSecret": "${CLIENT_SECRET}", "Token": "{{new string('x', 40)}}" },
              "Id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
              "ConnectionStrings": { "Db": "Server=.;Database=app;Trusted_Connection=True" }
            }
            """;

        Assert.Empty(await AnalyzeAsync(("/src/appsettings.json", json, null)));
    }

    [Theory]
    [InlineData("{ \"a\": ")]
    [InlineData("{ \"a\": \"unterminated")]
    [InlineData("}}}]]][[[{{{")]
    [InlineData("/* open comment")]
    [InlineData("\"\\")]
    [InlineData("")]
    public async Task MalformedJson_NoCrash(string json) =>
        Assert.Empty(await AnalyzeAsync(("/src/appsettings.json", json, null)));

    [Fact]
    public void JsonReader_BuildsConfigurationPaths()
    {
        var text = """{ "A": { "B": "x", "C": [ "y", { "D": "z" } ] }, "E": "w" }""";

        var entries = ConfigEntries.ReadJson(text);

        Assert.Equal(new[] { "A:B=x", "A:C:0=y", "A:C:1:D=z", "E=w" }, entries.Select(e => e.Name + "=" + text.Substring(e.Start, e.Length)));
    }
}
