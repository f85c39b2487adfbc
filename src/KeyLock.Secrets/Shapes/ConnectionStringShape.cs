using System;

namespace KeyLock.Secrets.Shapes;

/// <summary>Which connection-string key a <see cref="ConnectionStringShape"/> looks at.</summary>
public enum ConnectionStringSecret
{
    /// <summary><c>AccountKey=</c> of an Azure Storage connection string (no <c>AccountEndpoint=</c>).</summary>
    StorageAccountKey,

    /// <summary><c>AccountKey=</c> of an Azure Cosmos DB connection string (with <c>AccountEndpoint=</c>).</summary>
    CosmosAccountKey,

    /// <summary><c>SharedAccessKey=</c> of a Service Bus, Event Hubs, Relay or IoT Hub connection string.</summary>
    SharedAccessKey,

    /// <summary><c>Password=</c> / <c>Pwd=</c> of a database connection string.</summary>
    Password,
}

/// <summary>
/// A secret value inside a <c>key=value;</c> connection string. The match covers the key name and the
/// value (up to <c>;</c>, a quote or white space), and the redacted form shows the key name. Keys are
/// base64 of 20 or more characters that look random; the emulator keys, placeholders and
/// identifiable keys (which the more specific KL1001 patterns report, checksum and all) are skipped.
/// Passwords count only in a string that also names a server or user.
/// </summary>
public sealed class ConnectionStringShape : ISecretShape
{
    private const int MaximumValue = 1024;

    private static readonly string[] ServerKeys =
    {
        "Server=", "Host=", "Data Source=", "DataSource=", "User ID=", "UserID=", "User Id=", "Uid=", "Username=",
        "User=", "Database=", "Initial Catalog=", "Address=", "Addr=",
    };

    private static readonly string[] IdentifiableSignatures = { "+ASt", "ACDb", "+ASb", "+AEh", "+ARm" };

    private readonly ConnectionStringSecret _secret;

    public ConnectionStringShape(ConnectionStringSecret secret) => _secret = secret;

    public bool TryMatch(string text, int anchorIndex, SecretAnchor anchor, int rangeStart, int rangeEnd, out int start, out int length, out string displayPrefix)
    {
        start = anchorIndex;
        length = 0;
        displayPrefix = anchor.Text;
        if (anchorIndex > rangeStart && CharacterSet.Alphanumeric.Contains(text[anchorIndex - 1]))
        {
            return false; // "MyPassword=" is not a connection-string key
        }

        var valueStart = anchorIndex + anchor.Text.Length;
        var valueEnd = valueStart;
        var limit = Math.Min(rangeEnd, valueStart + MaximumValue);
        while (valueEnd < limit && !(text[valueEnd] is ';' or '"' or '\'' or '`' or ' ' or '\t' or '\r' or '\n' or '<' or '&'))
        {
            valueEnd++;
        }

        var valueLength = valueEnd - valueStart;
        if (valueLength == 0 || !IsSecretValue(text, valueStart, valueLength, rangeStart, rangeEnd))
        {
            return false;
        }

        length = valueEnd - anchorIndex;
        return true;
    }

    private bool IsSecretValue(string text, int start, int length, int rangeStart, int rangeEnd)
    {
        if (_secret == ConnectionStringSecret.Password)
        {
            return HasAlphanumeric(text, start, length) && !KnownNonSecrets.IsPlaceholderValue(text, start, length) && NamesAServer(text, rangeStart, rangeEnd);
        }

        if (length < 20 || !CharacterSet.Base64Padded.ContainsAll(text, start, length) || KnownNonSecrets.IsEmulatorKey(text, start, length))
        {
            return false;
        }

        var unpadded = length;
        while (unpadded > 0 && text[start + unpadded - 1] == '=')
        {
            unpadded--;
        }

        if (PlaceholderHeuristics.LooksLikePlaceholder(text, start, unpadded, CharacterSet.Base64) || IsIdentifiable(text, start, length))
        {
            return false;
        }

        var cosmos = IndexOf(text, rangeStart, rangeEnd, "AccountEndpoint=") >= 0;
        return _secret switch
        {
            ConnectionStringSecret.StorageAccountKey => !cosmos,
            ConnectionStringSecret.CosmosAccountKey => cosmos,
            _ => true,
        };
    }

    // Identifiable keys carry their signature 12 characters (88-character keys) or 11 (44) from the end.
    private static bool IsIdentifiable(string text, int start, int length)
    {
        var offset = length == 88 ? 76 : length == 44 ? 33 : -1;
        if (offset < 0)
        {
            return false;
        }

        foreach (var signature in IdentifiableSignatures)
        {
            if (string.CompareOrdinal(text, start + offset, signature, 0, 4) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAlphanumeric(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (CharacterSet.Alphanumeric.Contains(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesAServer(string text, int rangeStart, int rangeEnd)
    {
        if (text.IndexOf(';', rangeStart, rangeEnd - rangeStart) < 0)
        {
            return false;
        }

        foreach (var key in ServerKeys)
        {
            if (IndexOf(text, rangeStart, rangeEnd, key) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(string text, int rangeStart, int rangeEnd, string value) =>
        value.Length > rangeEnd - rangeStart ? -1 : text.IndexOf(value, rangeStart, rangeEnd - rangeStart, StringComparison.OrdinalIgnoreCase);
}
