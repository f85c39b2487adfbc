using System;

namespace KeyLock.Secrets;

/// <summary>
/// Values that have a secret's format but are published on purpose and are never reported. They are
/// written in pieces so that this file does not itself look like it holds credentials.
/// </summary>
public static class KnownNonSecrets
{
    /// <summary>The access key id used throughout the AWS documentation.</summary>
    public static string AwsDocumentationAccessKeyId { get; } = "AKIA" + "IOSFODNN7" + "EXAMPLE";

    /// <summary>The secret access key used throughout the AWS documentation.</summary>
    public static string AwsDocumentationSecretKey { get; } = "wJalrXUtnFEMI/" + "K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY";

    /// <summary>The well-known key of Azurite's (and the old storage emulator's) <c>devstoreaccount1</c>.</summary>
    public static string AzuriteAccountKey { get; } =
        "Eby8vdM02xNOcqFlqUwJPLlm" + "EtlCDXJ1OUzFT50uSRZ6IFsu" + "Fq2UVErCz4I6tq/K1SZFPTOtr/" + "KBHBeksoGMGw==";

    /// <summary>The well-known key of the Azure Cosmos DB emulator.</summary>
    public static string CosmosEmulatorKey { get; } =
        "C2y6yDjf5/R+ob0N8A7Cgv30" + "VRDJIWEHLM+4QDU5DE2nQ9nD" + "uVTqobD4b8mGGyPMbIZnqyMs" + "EcaGQy67XIw/Jw==";

    /// <summary>Whether <paramref name="text"/>[<paramref name="index"/>..+<paramref name="length"/>] is one of the emulator keys.</summary>
    public static bool IsEmulatorKey(string text, int index, int length) =>
        Equal(text, index, length, AzuriteAccountKey) || Equal(text, index, length, CosmosEmulatorKey);

    private static bool Equal(string text, int index, int length, string known) =>
        known.Length == length && string.CompareOrdinal(text, index, known, 0, length) == 0;

    internal static bool IsPlaceholderValue(string text, int index, int length)
    {
        if (length == 0)
        {
            return true;
        }

        var first = text[index];
        if (first is '{' or '$' or '<' or '%' or '[' or '@' or '*' or '#' or '(')
        {
            return true; // ${VAR}, <password>, %PASSWORD%, {0}, @param, ****, #{token}
        }

        if (IndexOf(text, index, length, "{0}") >= 0 || IndexOf(text, index, length, "$(") >= 0 || IndexOf(text, index, length, "...") >= 0)
        {
            return true;
        }

        var same = true;
        for (var i = index + 1; i < index + length && same; i++)
        {
            same = text[i] == first;
        }

        if (same)
        {
            return true; // xxxx, ****, 0000
        }

        foreach (var word in PlaceholderPasswords)
        {
            if (word.Length == length && string.Compare(text, index, word, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return IndexOf(text, index, length, "your") >= 0 || IndexOf(text, index, length, "placeholder") >= 0
            || IndexOf(text, index, length, "changeme") >= 0 || IndexOf(text, index, length, "example") >= 0
            || IndexOf(text, index, length, "redacted") >= 0;
    }

    private static readonly string[] PlaceholderPasswords =
    {
        "password", "pass", "passwd", "pwd", "secret", "pass123", "password123", "mypassword", "my_password",
        "user", "username", "test", "dummy", "sample", "foo", "bar", "foobar", "null", "none", "empty", "todo",
        "xxx", "key", "token", "accountkey", "sharedaccesskey",
    };

    private static int IndexOf(string text, int index, int length, string value) =>
        value.Length > length ? -1 : text.IndexOf(value, index, length, StringComparison.OrdinalIgnoreCase);
}
