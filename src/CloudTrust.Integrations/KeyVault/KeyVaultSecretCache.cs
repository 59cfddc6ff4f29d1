using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.KeyVault;

/// <summary>
/// Reads secrets through the Azure SDK <see cref="SecretClient"/> and keeps them in memory for a while, so that
/// each request does not cost a vault round trip. <see cref="RefreshAsync"/> reloads one at once (after a key
/// rotation, or when a signature fails with the cached key). Logs names and versions, never values.
/// </summary>
public sealed partial class KeyVaultSecretCache
{
    private readonly SecretClient client;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes a new instance of the <see cref="KeyVaultSecretCache"/> class.</summary>
    /// <param name="client">The Key Vault client.</param>
    /// <param name="lifetime">How long a value is used before it is read again.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public KeyVaultSecretCache(SecretClient client, TimeSpan lifetime, TimeProvider time, ILogger<KeyVaultSecretCache> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.client = client;
        this.time = time;
        this.logger = logger;
        Lifetime = lifetime;
    }

    /// <summary>Gets how long a value is used before it is read again.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Gets a secret, from memory when it is fresh enough.</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="SecretUnavailableException">The vault could not be read.</exception>
    public async Task<SecretValue> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (entries.TryGetValue(name, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            return entry.Value;
        }

        return await RefreshAsync(name, cancellationToken);
    }

    /// <summary>Reads a secret from the vault now and caches it.</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="SecretUnavailableException">The vault could not be read.</exception>
    public async Task<SecretValue> RefreshAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        KeyVaultSecret secret;
        try
        {
            secret = (await client.GetSecretAsync(name, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex)
        {
            LogReadFailed(name, ex.Status, ex.ErrorCode);
            throw new SecretUnavailableException($"Key Vault secret '{name}' could not be read (HTTP {ex.Status}, {ex.ErrorCode ?? "no code"})", ex.Status);
        }
        catch (Azure.Identity.AuthenticationFailedException)
        {
            LogReadFailed(name, 401, "AuthenticationFailed");
            throw new SecretUnavailableException($"Key Vault secret '{name}' could not be read: sign-in to Entra ID failed", 401);
        }

        var value = new SecretValue(name, secret.Properties.Version ?? string.Empty, secret.Value);
        entries[name] = new Entry(value, time.GetUtcNow() + Lifetime);
        LogRead(name, value.Version);
        return value;
    }

    /// <summary>Forgets a cached secret, so the next read goes to the vault.</summary>
    /// <param name="name">The secret's name.</param>
    public void Invalidate(string name) => entries.TryRemove(name, out _);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "read Key Vault secret {SecretName} version {SecretVersion}")]
    private partial void LogRead(string secretName, string secretVersion);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "could not read Key Vault secret {SecretName}: HTTP {Status} {ErrorCode}")]
    private partial void LogReadFailed(string secretName, int status, string? errorCode);

    private sealed record Entry(SecretValue Value, DateTimeOffset ExpiresAt);
}
