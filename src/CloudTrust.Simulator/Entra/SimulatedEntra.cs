using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CloudTrust.Simulator.Entra;

/// <summary>
/// The simulated Microsoft Entra ID: one tenant, registered app credentials, and the access tokens it issued
/// (opaque strings bound to a resource), which the other simulated services check on every request.
/// </summary>
public sealed class SimulatedEntra
{
    private readonly ConcurrentDictionary<string, string> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    /// <summary>Initializes a new instance of the <see cref="SimulatedEntra"/> class.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="time">The clock tokens expire by.</param>
    public SimulatedEntra(Guid tenantId, TimeProvider time)
    {
        TenantId = tenantId;
        this.time = time;
    }

    /// <summary>Gets the tenant id.</summary>
    public Guid TenantId { get; }

    /// <summary>Gets how long an issued token lives.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Registers an application that may use the client-credentials flow.</summary>
    /// <param name="clientId">The application (client) id.</param>
    /// <param name="clientSecret">Its secret.</param>
    public void RegisterClient(string clientId, string clientSecret) => clients[clientId] = clientSecret;

    /// <summary>Issues a token when the client's secret matches; null otherwise.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The presented secret.</param>
    /// <param name="scope">The requested scope, for example <c>https://graph.microsoft.com/.default</c>.</param>
    /// <returns>The token and its lifetime, or null.</returns>
    public IssuedToken? Issue(string clientId, string clientSecret, string scope)
    {
        if (!clients.TryGetValue(clientId, out var expected)
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(clientSecret)))
        {
            return null;
        }

        var resource = ResourceOf(scope);
        var token = new IssuedToken("sim." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(), clientId, resource, time.GetUtcNow() + TokenLifetime);
        tokens[token.AccessToken] = token;
        return token;
    }

    /// <summary>Checks an <c>Authorization</c> header for a live bearer token issued for <paramref name="resource"/>.</summary>
    /// <param name="authorization">The header value.</param>
    /// <param name="resource">The resource the caller must hold a token for, for example <c>https://graph.microsoft.com</c>.</param>
    /// <returns>The token, or null when missing, unknown, expired or for another resource.</returns>
    public IssuedToken? Validate(string? authorization, string resource)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = authorization["Bearer ".Length..].Trim();
        return tokens.TryGetValue(value, out var token)
            && token.ExpiresAt > time.GetUtcNow()
            && string.Equals(token.Resource, resource.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? token
            : null;
    }

    private static string ResourceOf(string scope)
    {
        var first = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        return first.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? first[..^"/.default".Length] : first.TrimEnd('/');
    }
}

/// <summary>An access token the simulated Entra ID issued.</summary>
/// <param name="AccessToken">The opaque token text.</param>
/// <param name="ClientId">The application it was issued to.</param>
/// <param name="Resource">The resource it is for.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record IssuedToken(string AccessToken, string ClientId, string Resource, DateTimeOffset ExpiresAt);
