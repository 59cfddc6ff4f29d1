using System.Globalization;

namespace CloudTrust.Simulator.Relay;

/// <summary>
/// The simulated relay's verdict on a presented SAS token, with the HTTP status and error text the service gives
/// (the protocol page's tables: 401 for a missing, malformed or invalid token, 403 for a token not valid for this
/// path or action; the wording follows the service's error codes MissingToken, MalformedToken, InvalidSignature,
/// ExpiredToken and its "claim(s) are required" message).
/// </summary>
/// <param name="Status">200 when granted, else 401 or 403.</param>
/// <param name="Error">The error text (empty when granted); never contains the token or a key.</param>
/// <param name="Expiry">When the granted token expires.</param>
internal sealed record RelayAuthorization(int Status, string Error, DateTimeOffset Expiry)
{
    /// <summary>Gets a value indicating whether the token was accepted.</summary>
    public bool Granted => Status == 200;

    /// <summary>Checks a token for a right on a hybrid connection.</summary>
    /// <param name="tokenText">The token as presented (null when none was).</param>
    /// <param name="rules">The namespace's rules by name.</param>
    /// <param name="right">The right the operation needs.</param>
    /// <param name="host">The namespace's host.</param>
    /// <param name="entityPath">The hybrid connection's name.</param>
    /// <param name="now">The relay's clock.</param>
    /// <returns>The verdict.</returns>
    public static RelayAuthorization Check(string? tokenText, IReadOnlyDictionary<string, SharedAccessRule> rules, RelayRights right, string host, string entityPath, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(tokenText))
        {
            return Refused(401, "MissingToken: The request has no security token (ServiceBusAuthorization header or sb-hc-token query parameter).");
        }

        if (!RelayAccessToken.TryParse(tokenText, out var token) || token is null)
        {
            return Refused(401, "MalformedToken: The credentials contained in the authorization header are not in the SharedAccessSignature format.");
        }

        if (!rules.TryGetValue(token.KeyName, out var rule) || !token.IsSignedWith(rule.Key))
        {
            return Refused(401, "InvalidSignature: The token has an invalid signature.");
        }

        if (token.Expiry <= now)
        {
            return Refused(401, string.Create(CultureInfo.InvariantCulture, $"ExpiredToken: The token is expired. Expiration time: '{token.Expiry.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z'."));
        }

        if (!token.IsFor(host, entityPath))
        {
            return Refused(403, $"InvalidAudience: The token's audience is not valid for the hybrid connection '{entityPath}'.");
        }

        if (!rule.Rights.HasFlag(right))
        {
            return Refused(403, $"Unauthorized access. '{right}' claim(s) are required to perform this operation.");
        }

        return new RelayAuthorization(200, string.Empty, token.Expiry);
    }

    private static RelayAuthorization Refused(int status, string error) => new(status, error, default);
}
