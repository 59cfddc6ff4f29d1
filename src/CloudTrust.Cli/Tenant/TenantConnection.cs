using Azure.Core;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Cli.Tenant;

/// <summary>The clients a command needs to reach the tenant: Microsoft Graph, the Key Vault secret cache and the relay sender, all signed in with one credential.</summary>
public sealed class TenantConnection : IDisposable
{
    private TenantConnection(RelaySender sender, GraphConnection graph)
    {
        Sender = sender;
        Graph = graph;
    }

    /// <summary>Gets the relay sender to the agent.</summary>
    public RelaySender Sender { get; }

    /// <summary>Gets the Microsoft Graph connection.</summary>
    public GraphConnection Graph { get; }

    /// <summary>Connects with the settings and their credential (the client secret, when used, from the environment).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Where logs go.</param>
    /// <param name="credential">A credential to use instead of the settings' (an in-process host that holds the secret itself).</param>
    /// <returns>The connection.</returns>
    public static TenantConnection Open(TenantSettings settings, TimeProvider time, ILoggerFactory loggers, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        credential ??= TenantCredential.Create(settings, Console.Error.WriteLine);
        var client = KeyVaultSecretClientFactory.Create(settings.KeyVaultUri, credential, settings.TrustedCertificate);
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
        var graph = GraphConnection.Create(
            new GraphConnectionOptions
            {
                BaseAddress = settings.GraphAddress,
                AuthorityHost = settings.AuthorityHost ?? new Uri("https://login.microsoftonline.com/"),
                TenantId = Guid.Parse(settings.TenantId),
                ClientId = settings.ClientId,
                PinnedCertificate = settings.TrustedCertificate,
            },
            credential);
        return new TenantConnection(sender, graph);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Sender.Dispose();
        Graph.Dispose();
    }
}
