using System.Collections.Generic;
using KeyLock.Secrets.Validation;

namespace KeyLock.Secrets;

/// <summary>
/// Tokens of the platforms around an AI app: source hosting and package registries (GitHub, GitLab,
/// npm, NuGet), messaging (Slack, Twilio, Telegram, Discord, SendGrid) and payments (Stripe). GitHub
/// and npm tokens end in a CRC-32 checksum, so a look-alike with one character changed is rejected.
/// </summary>
public static class DeveloperPlatformPatterns
{
    private static readonly CharacterSet Alphanumeric = CharacterSet.Alphanumeric;

    public static readonly SecretPattern GitHubPersonalAccessToken = GitHub("github-pat", "personal access token", "ghp_");

    public static readonly SecretPattern GitHubOAuthToken = GitHub("github-oauth-token", "OAuth access token", "gho_");

    public static readonly SecretPattern GitHubUserToServerToken = GitHub("github-user-to-server-token", "user-to-server token", "ghu_");

    public static readonly SecretPattern GitHubServerToServerToken = GitHub("github-server-to-server-token", "server-to-server token", "ghs_");

    public static readonly SecretPattern GitHubRefreshToken = GitHub("github-refresh-token", "refresh token", "ghr_");

    public static readonly SecretPattern GitHubFineGrainedToken = SecretPattern.Define("github-fine-grained-pat", "GitHub", "fine-grained personal access token")
        .Prefix("github_pat_").Characters(CharacterSet.Word)
        .Layout(KeySegment.Run(Alphanumeric, 22), KeySegment.Literal("_"), KeySegment.Run(Alphanumeric, 59))
        .EnvironmentVariable("GITHUB_TOKEN").Build();

    public static readonly SecretPattern GitLabToken = SecretPattern.Define("gitlab-pat", "GitLab", "personal access token")
        .Prefix("glpat-").Body(CharacterSet.Base64Url, 20).EnvironmentVariable("GITLAB_TOKEN").Build();

    public static readonly SecretPattern NpmToken = SecretPattern.Define("npm-access-token", "npm", "access token")
        .Confidence(SecretConfidence.High).Prefix("npm_").Body(Alphanumeric, 36).Validator(new Crc32Base62Validator(30))
        .EnvironmentVariable("NPM_TOKEN").Build();

    public static readonly SecretPattern NuGetApiKey = SecretPattern.Define("nuget-api-key", "NuGet", "API key")
        .Prefix("oy2").Characters(Alphanumeric).Body(CharacterSet.LowercaseBase32, 43).EnvironmentVariable("NUGET_API_KEY").Build();

    public static readonly SecretPattern SlackBotToken = Slack("slack-bot-token", "bot token", "xoxb-", "SLACK_BOT_TOKEN");

    public static readonly SecretPattern SlackUserToken = Slack("slack-user-token", "user token", "xoxp-", "SLACK_USER_TOKEN");

    public static readonly SecretPattern SlackAppToken = Slack("slack-app-token", "app-level token", "xapp-", "SLACK_APP_TOKEN");

    public static readonly SecretPattern SlackWebhook = SecretPattern.Define("slack-webhook-url", "Slack", "incoming webhook URL")
        .Prefix(SlackWebhookPrefix).Layout(KeySegment.Structured(CatalogCharacters.AlphanumericSlash, 40, 60))
        .Validator(new SlackWebhookValidator(SlackWebhookPrefix.Length))
        .EnvironmentVariable("SLACK_WEBHOOK_URL").Build();

    public static readonly SecretPattern StripeSecretKey = Stripe("stripe-secret-key", "live secret key", "STRIPE_SECRET_KEY", "sk_live_");

    public static readonly SecretPattern StripeRestrictedKey = Stripe("stripe-restricted-key", "live restricted key", "STRIPE_SECRET_KEY", "rk_live_");

    public static readonly SecretPattern StripeTestKey = Stripe("stripe-test-key", "test secret key", "STRIPE_SECRET_KEY", "sk_test_", "rk_test_");

    public static readonly SecretPattern SendGrid = SecretPattern.Define("sendgrid-api-key", "SendGrid", "API key")
        .Prefix("SG.").Characters(CatalogCharacters.Base64UrlDot)
        .Layout(KeySegment.Run(CharacterSet.Base64Url, 22), KeySegment.Literal("."), KeySegment.Run(CharacterSet.Base64Url, 43))
        .EnvironmentVariable("SENDGRID_API_KEY").Build();

    public static readonly SecretPattern TwilioApiKey = SecretPattern.Define("twilio-api-key", "Twilio", "API key SID")
        .Context("twilio").Prefix("SK").Characters(Alphanumeric).Body(CharacterSet.LowercaseHex, 32)
        .EnvironmentVariable("TWILIO_API_KEY").Build();

    public static readonly SecretPattern TwilioAuthToken = SecretPattern.Define("twilio-auth-token", "Twilio", "auth token")
        .Context("twilio").Characters(Alphanumeric).Body(CharacterSet.LowercaseHex, 32)
        .EnvironmentVariable("TWILIO_AUTH_TOKEN").Build();

    /// <summary>A bot id, <c>:A</c> and 34 more characters.</summary>
    public static readonly SecretPattern TelegramBotToken = SecretPattern.Define("telegram-bot-token", "Telegram", "bot token")
        .Context("telegr").Characters(CatalogCharacters.Base64UrlColon)
        .Layout(KeySegment.Run(CharacterSet.Digits, 5, 16), KeySegment.Literal(":A"), KeySegment.Run(CharacterSet.Base64Url, 34))
        .EnvironmentVariable("TELEGRAM_BOT_TOKEN").Build();

    /// <summary>Base64 of the bot's user id, a timestamp and an HMAC, separated by dots.</summary>
    public static readonly SecretPattern DiscordBotToken = SecretPattern.Define("discord-bot-token", "Discord", "bot token")
        .Context("discord").Characters(CatalogCharacters.Base64UrlDot)
        .Layout(KeySegment.Run(CharacterSet.Base64Url, 24), KeySegment.Literal("."), KeySegment.Run(CharacterSet.Base64Url, 6), KeySegment.Literal("."), KeySegment.Run(CharacterSet.Base64Url, 27, 38))
        .Layout(KeySegment.Run(CharacterSet.Base64Url, 26), KeySegment.Literal("."), KeySegment.Run(CharacterSet.Base64Url, 6), KeySegment.Literal("."), KeySegment.Run(CharacterSet.Base64Url, 27, 38))
        .EnvironmentVariable("DISCORD_BOT_TOKEN").Build();

    public static readonly IReadOnlyList<SecretPattern> All = new[]
    {
        GitHubPersonalAccessToken, GitHubOAuthToken, GitHubUserToServerToken, GitHubServerToServerToken, GitHubRefreshToken,
        GitHubFineGrainedToken, GitLabToken, NpmToken, NuGetApiKey, SlackBotToken, SlackUserToken, SlackAppToken, SlackWebhook,
        StripeSecretKey, StripeRestrictedKey, StripeTestKey, SendGrid, TwilioApiKey, TwilioAuthToken, TelegramBotToken, DiscordBotToken,
    };

    private static string SlackWebhookPrefix => "https://hooks.slack.com/services/";

    /// <summary>Prefix + 30 random base62 + 6-character CRC-32 checksum.</summary>
    private static SecretPattern GitHub(string id, string label, string prefix) => SecretPattern.Define(id, "GitHub", label)
        .Confidence(SecretConfidence.High).Prefix(prefix).Body(Alphanumeric, 36).Validator(new Crc32Base62Validator(30))
        .EnvironmentVariable("GITHUB_TOKEN").Build();

    private static SecretPattern Slack(string id, string label, string prefix, string variable) => SecretPattern.Define(id, "Slack", label)
        .Prefix(prefix).Layout(KeySegment.Structured(CatalogCharacters.AlphanumericDash, 30, 250)).Validator(SlackTokenValidator.Instance)
        .EnvironmentVariable(variable).Build();

    private static SecretPattern Stripe(string id, string label, string variable, params string[] prefixes) => SecretPattern.Define(id, "Stripe", label)
        .Prefix(prefixes).Body(Alphanumeric, 24, 99).EnvironmentVariable(variable).Build();
}
