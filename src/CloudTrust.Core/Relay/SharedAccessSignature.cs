using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrust.Core.Relay;

/// <summary>
/// An Azure Relay Shared Access Signature token as the product's sender and listener make it:
/// <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded HMAC-SHA256}&amp;se={expiry}&amp;skn={rule}</c>,
/// the signature covering <c>{url-encoded resource}\n{expiry}</c> with the rule's key as UTF-8
/// (https://learn.microsoft.com/azure/azure-relay/relay-authentication-and-authorization). The resource is written
/// in the form Microsoft's .NET SDK writes it: <c>http://{namespace}/{path}/</c>, scheme http, trailing slash,
/// URL-encoded with <see cref="WebUtility.UrlEncode(string)"/> — compared against azure-relay-dotnet
/// src/Microsoft.Azure.Relay/Common/TokenProvider.cs (<c>NormalizeAudience</c>: <c>UriHelper.NormalizeUri(audience,
/// UriScheme.Http, true, stripPath: false, ensureTrailingSlash: true)</c>) and
/// Common/SharedAccessSignatureTokenProvider.cs (<c>BuildSignature</c>: <c>WebUtility.UrlEncode(resource)</c>, joined
/// with the expiry by "\n"); azure-relay-node's hyco-https <c>createRelayToken</c> writes the same without the slash.
/// Checking tokens is the relay's business: the simulated relay has its own, independent verifier.
/// </summary>
/// <param name="Resource">The resource URI the token is for.</param>
/// <param name="KeyName">The shared access rule's name.</param>
/// <param name="Expiry">When the token stops being valid.</param>
/// <param name="Signature">The base64 signature.</param>
public sealed record SharedAccessSignature(string Resource, string KeyName, DateTimeOffset Expiry, string Signature)
{
    private const string Prefix = "SharedAccessSignature ";

    /// <summary>Gets the resource URI of a hybrid connection in the form Microsoft's SDKs sign: <c>http://{host[:port]}/{name}/</c>.</summary>
    /// <param name="relayAddress">The relay namespace's address (any scheme).</param>
    /// <param name="hybridConnectionName">The hybrid connection's name.</param>
    /// <returns>The resource URI.</returns>
    public static string ResourceFor(Uri relayAddress, string hybridConnectionName)
    {
        ArgumentNullException.ThrowIfNull(relayAddress);
        ArgumentException.ThrowIfNullOrEmpty(hybridConnectionName);
        return new UriBuilder(Uri.UriSchemeHttp, relayAddress.Host, relayAddress.IsDefaultPort ? -1 : relayAddress.Port, hybridConnectionName.Trim('/') + "/").Uri.AbsoluteUri;
    }

    /// <summary>Creates a token over <paramref name="resource"/> exactly as given.</summary>
    /// <param name="resource">The resource URI, for example from <see cref="ResourceFor"/>.</param>
    /// <param name="keyName">The rule's name.</param>
    /// <param name="key">The rule's key.</param>
    /// <param name="expiry">When the token expires.</param>
    /// <returns>The token text.</returns>
    public static string Create(string resource, string keyName, string key, DateTimeOffset expiry)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var encoded = WebUtility.UrlEncode(resource);
        var seconds = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encoded + "\n" + seconds)));
        return $"{Prefix}sr={encoded}&sig={WebUtility.UrlEncode(signature)}&se={seconds}&skn={WebUtility.UrlEncode(keyName)}";
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
            || !long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        parsed = new SharedAccessSignature(sr, skn, DateTimeOffset.FromUnixTimeSeconds(seconds), sig);
        return true;
    }
}
