using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Cli.Tenant;

/// <summary>The clients a command needs to reach the tenant: the Key Vault secret cache and the relay sender.</summary>
public sealed class TenantConnection : IDisposable
{
    private TenantConnection(RelaySender sender) => Sender = sender;

    /// <summary>Gets the relay sender to the agent.</summary>
    public RelaySender Sender { get; }

    /// <summary>Connects with the settings and the client secret from the environment.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Where logs go.</param>
    /// <returns>The connection.</returns>
    public static TenantConnection Open(TenantSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = settings.KeyVaultUri,
            TenantId = settings.TenantId,
            ClientId = settings.ClientId,
            ClientSecret = TenantSettings.ClientSecretFromEnvironment(),
            AuthorityHost = settings.AuthorityHost,
            PinnedCertificate = settings.TrustedCertificate,
        });
        var secrets = new KeyVaultSecretCache(client, TimeSpan.FromMinutes(5), time, loggers.CreateLogger<KeyVaultSecretCache>());
        var sender = new RelaySender(
            new RelaySenderOptions
            {
                RelayAddress = settings.RelayAddress,
                HybridConnectionName = settings.HybridConnection,
                SendRuleName = settings.SendRule,
                PinnedCertificate = settings.TrustedCertificate,
            },
            secrets,
            time,
            loggers.CreateLogger<RelaySender>());
        return new TenantConnection(sender);
    }

    /// <inheritdoc />
    public void Dispose() => Sender.Dispose();
}
