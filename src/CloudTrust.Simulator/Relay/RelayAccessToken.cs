using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrust.Simulator.Relay;

/// <summary>
/// A Shared Access Signature as a sender or listener presents it to the simulated relay, kept exactly as presented:
/// <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded signature}&amp;se={expiry}&amp;skn={rule}</c>
/// (field order free, names case-insensitive). The signature is checked as the service checks it (Microsoft's SAS
/// documentation, https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas): an HMAC-SHA256, keyed
/// with the rule's key as UTF-8, over the <c>sr</c> value exactly as it appears in the token (still URL-encoded),
/// a line feed and the <c>se</c> value. Nothing is lower-cased or re-encoded before the comparison, so a token made by
/// azure-relay-node's <c>createRelayToken</c> (<c>sr=http%3A%2F%2F{host}%2F{path}</c>) or azure-relay-dotnet's
/// <c>SharedAccessSignatureTokenProvider</c> (<c>sr=http%3A%2F%2F{host}%2F{path}%2F</c>) verifies as made.
/// This is the emulator's own reading, deliberately independent of the SAS code the sender and the agent use.
/// </summary>
internal sealed record RelayAccessToken(string EncodedResource, string Signature, string ExpirySeconds, string KeyName)
{
    private const string Scheme = "SharedAccessSignature";

    /// <summary>The resource schemes a token's audience may use (the SDKs write http; sb, https, ws and wss are seen too).</summary>
    private static readonly string[] AudienceSchemes = ["http", "https", "sb", "ws", "wss"];

    /// <summary>Parses a token's text; false when it is not of the SAS shape (a missing or duplicated field, no scheme).</summary>
    /// <param name="text">The header or query value.</param>
    /// <param name="token">The fields, as presented.</param>
    /// <returns>True when the text is a SAS token.</returns>
    public static bool TryParse(string? text, out RelayAccessToken? token)
    {
        token = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !string.Equals(trimmed[..space], Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in trimmed[(space + 1)..].Trim().Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !fields.TryAdd(pair[..eq], pair[(eq + 1)..]))
            {
                return false;
            }
        }

        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig)
            || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn)
            || sr.Length == 0 || sig.Length == 0 || skn.Length == 0
            || !long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        token = new RelayAccessToken(sr, Unescape(sig), se, Unescape(skn));
        return true;
    }

    /// <summary>Gets when the token expires.</summary>
    public DateTimeOffset Expiry
        => long.TryParse(ExpirySeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;

    /// <summary>Checks the signature with <paramref name="key"/> over the resource and expiry as presented.</summary>
    /// <param name="key">The rule's key.</param>
    /// <returns>True when the signature matches.</returns>
    public bool IsSignedWith(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(EncodedResource + "\n" + ExpirySeconds));
        Span<byte> presented = stackalloc byte[64];
        return Convert.TryFromBase64String(Signature, presented, out var written)
            && CryptographicOperations.FixedTimeEquals(expected, presented[..written]);
    }

    /// <summary>
    /// Checks that the token's audience covers the hybrid connection: the namespace's host (any port, case ignored)
    /// with either the namespace root or the hybrid connection's path (trailing slash optional, <c>$hc/</c> infix
    /// allowed) under one of the schemes the SDKs write.
    /// </summary>
    /// <param name="host">The namespace's host name.</param>
    /// <param name="entityPath">The hybrid connection's name.</param>
    /// <returns>True when the token is for this hybrid connection.</returns>
    public bool IsFor(string host, string entityPath)
    {
        if (!Uri.TryCreate(Unescape(EncodedResource), UriKind.Absolute, out var audience)
            || !AudienceSchemes.Contains(audience.Scheme, StringComparer.OrdinalIgnoreCase)
            || !string.Equals(audience.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = Uri.UnescapeDataString(audience.AbsolutePath).Trim('/');
        if (path.StartsWith("$hc/", StringComparison.OrdinalIgnoreCase))
        {
            path = path[4..];
        }

        return path.Length == 0 || string.Equals(path, entityPath, StringComparison.OrdinalIgnoreCase);
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
