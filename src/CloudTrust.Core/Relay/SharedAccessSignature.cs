using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrust.Core.Relay;

/// <summary>
/// An Azure Relay Shared Access Signature token:
/// <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded HMAC-SHA256}&amp;se={expiry}&amp;skn={rule}</c>,
/// where the signature covers <c>{url-encoded resource}\n{expiry}</c> with the rule's key. Used by the listener
/// (Listen rule), the sender (Send rule) and the simulated relay that checks them.
/// See https://learn.microsoft.com/azure/azure-relay/relay-authentication-and-authorization.
/// </summary>
/// <param name="Resource">The resource URI the token is for (the hybrid connection's address).</param>
/// <param name="KeyName">The shared access rule's name.</param>
/// <param name="Expiry">When the token stops being valid.</param>
/// <param name="Signature">The base64 signature.</param>
public sealed record SharedAccessSignature(string Resource, string KeyName, DateTimeOffset Expiry, string Signature)
{
    private const string Prefix = "SharedAccessSignature ";

    /// <summary>Creates a token.</summary>
    /// <param name="resource">The resource URI, for example <c>https://contoso.servicebus.windows.net/cloudtrust-agent</c>.</param>
    /// <param name="keyName">The rule's name.</param>
    /// <param name="key">The rule's key.</param>
    /// <param name="expiry">When the token expires.</param>
    /// <returns>The token text.</returns>
    public static string Create(string resource, string keyName, string key, DateTimeOffset expiry)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var encoded = Uri.EscapeDataString(Normalize(resource));
        var seconds = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(encoded, seconds, key);
        return $"{Prefix}sr={encoded}&sig={Uri.EscapeDataString(signature)}&se={seconds}&skn={Uri.EscapeDataString(keyName)}";
    }

    /// <summary>Parses a token's fields without checking its signature.</summary>
    /// <param name="token">The token text.</param>
    /// <param name="parsed">The fields.</param>
    /// <returns>True when it has the shape of a token.</returns>
    public static bool TryParse(string? token, out SharedAccessSignature? parsed)
    {
        parsed = null;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in token[Prefix.Length..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            fields[pair[..eq]] = Uri.UnescapeDataString(pair[(eq + 1)..]);
        }

        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig)
            || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn)
            || !long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        parsed = new SharedAccessSignature(sr, skn, DateTimeOffset.FromUnixTimeSeconds(seconds), sig);
        return true;
    }

    /// <summary>Checks the signature with <paramref name="key"/>, the expiry against <paramref name="now"/>, and the resource.</summary>
    /// <param name="key">The key of the rule the token names.</param>
    /// <param name="expectedResource">The resource the token must be for.</param>
    /// <param name="now">The current time.</param>
    /// <returns>True when the token is genuine, live and for that resource.</returns>
    public bool IsValid(string key, string expectedResource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Expiry <= now || !string.Equals(Normalize(Resource), Normalize(expectedResource), StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Sign(Uri.EscapeDataString(Normalize(Resource)), Expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), key);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Signature));
    }

    /// <summary>The resource form tokens are signed over: lower case, no scheme, no trailing slash.</summary>
    /// <param name="resource">A resource URI.</param>
    /// <returns>The normalized form.</returns>
    public static string Normalize(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var value = resource.ToLowerInvariant();
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            value = value[(scheme + 3)..];
        }

        return value.TrimEnd('/');
    }

    private static string Sign(string encodedResource, string expirySeconds, string key)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expirySeconds));
        return Convert.ToBase64String(mac);
    }
}
