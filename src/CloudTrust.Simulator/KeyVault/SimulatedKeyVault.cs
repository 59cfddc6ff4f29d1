using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.KeyVault;

/// <summary>
/// The secrets slice of Azure Key Vault's REST API (<c>GET/PUT /secrets/{name}[/{version}]?api-version=…</c>) with
/// its bearer challenge, so the real <c>SecretClient</c> and Azure.Identity run against it unchanged. Tokens must be
/// issued by the simulated Entra ID for <c>https://vault.azure.net</c>. Secret values are never logged.
/// See https://learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret.
/// </summary>
public sealed class SimulatedKeyVault : ISimulatedService
{
    /// <summary>The resource Key Vault tokens are issued for.</summary>
    public const string Resource = "https://vault.azure.net";

    private readonly ConcurrentDictionary<string, List<StoredSecret>> secrets = new(StringComparer.OrdinalIgnoreCase);
    private SimulatedTenantServer? tenant;

    /// <summary>Gets how many secret reads were answered with a value (tests check caching with it).</summary>
    public int ReadCount => readCount;

    private int readCount;

    /// <summary>Stores a new version of a secret directly (the test's or demo's set-up, not over HTTP).</summary>
    /// <param name="name">The secret name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new version id.</returns>
    public string SetSecret(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var stored = new StoredSecret(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), value, null, tenant?.Time.GetUtcNow() ?? DateTimeOffset.UnixEpoch);
        var versions = secrets.GetOrAdd(name, _ => []);
        lock (versions)
        {
            versions.Add(stored);
        }

        return stored.Version;
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes, SimulatedTenantServer tenant)
    {
        ArgumentNullException.ThrowIfNull(routes);
        this.tenant = tenant ?? throw new ArgumentNullException(nameof(tenant));
        routes.MapGet("/secrets/{name}/{version?}", (HttpContext http, string name, string? version) => Get(http, name, version));
        routes.MapPut("/secrets/{name}", (HttpContext http, string name) => Put(http, name));
    }

    private IResult Get(HttpContext http, string name, string? version)
    {
        if (Refuse(http) is { } refusal)
        {
            return refusal;
        }

        if (!secrets.TryGetValue(name, out var versions))
        {
            return NotFound(name);
        }

        StoredSecret? found;
        lock (versions)
        {
            found = string.IsNullOrEmpty(version) ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version);
        }

        if (found is null)
        {
            return NotFound(name);
        }

        Interlocked.Increment(ref readCount);
        return Results.Json(Bundle(http, name, found), SimulatorJson.Options);
    }

    private async Task<IResult> Put(HttpContext http, string name)
    {
        if (Refuse(http) is { } refusal)
        {
            return refusal;
        }

        using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return Results.Json(new { error = new { code = "BadParameter", message = "The request body must contain 'value'." } }, statusCode: 400);
        }

        var contentType = document.RootElement.TryGetProperty("contentType", out var ct) ? ct.GetString() : null;
        var stored = new StoredSecret(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), value.GetString()!, contentType, tenant!.Time.GetUtcNow());
        var versions = secrets.GetOrAdd(name, _ => []);
        lock (versions)
        {
            versions.Add(stored);
        }

        return Results.Json(Bundle(http, name, stored), SimulatorJson.Options);
    }

    /// <summary>Answers the bearer challenge (no token) or 401 (bad token); null when the caller may proceed.</summary>
    private IResult? Refuse(HttpContext http)
    {
        if (string.IsNullOrEmpty(http.Request.Query["api-version"]))
        {
            return Results.Json(new { error = new { code = "MissingApiVersionParameter", message = "The api-version query parameter is required." } }, statusCode: 400);
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (tenant!.Entra.Validate(authorization, Resource) is not null)
        {
            return null;
        }

        http.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"{tenant.BaseAddress}{tenant.Entra.TenantId}\", resource=\"{Resource}\"";
        return Results.Json(new { error = new { code = "Unauthorized", message = "AKV10000: Request is missing a Bearer or PoP token." } }, statusCode: 401);
    }

    private static IResult NotFound(string name)
        => Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);

    private static Dictionary<string, object?> Bundle(HttpContext http, string name, StoredSecret secret)
    {
        var seconds = secret.Created.ToUnixTimeSeconds();
        return new Dictionary<string, object?>
        {
            ["value"] = secret.Value,
            ["contentType"] = secret.ContentType,
            ["id"] = $"{http.Request.Scheme}://{http.Request.Host}/secrets/{name}/{secret.Version}",
            ["attributes"] = new Dictionary<string, object> { ["enabled"] = true, ["created"] = seconds, ["updated"] = seconds, ["recoveryLevel"] = "Recoverable+Purgeable", ["recoverableDays"] = 90 },
            ["tags"] = new Dictionary<string, string>(),
        };
    }

    private sealed record StoredSecret(string Version, string Value, string? ContentType, DateTimeOffset Created);
}
