using System.Text.Json;
using CloudTrust.Agent.Backends;
using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Agent.Operations;
using CloudTrust.Agent.Relay;
using CloudTrust.Agent.Requests;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent;

/// <summary>
/// The agent assembled: relay listener → request authentication → validation → dispatcher → backend, with its
/// secrets read from Key Vault and its rotation journal in its state directory.
/// </summary>
internal sealed class CloudTrustAgent : IAsyncDisposable
{
    private readonly HybridConnectionListener listener;

    public CloudTrustAgent(
        RelayListenerOptions relay,
        AgentSecretNames secretNames,
        KeyVaultSecretCache secrets,
        IKerberosBackend backend,
        string stateDirectory,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        Backend = backend;
        var authenticator = new RequestAuthenticator(
            async (refresh, ct) => Convert.FromBase64String((refresh ? await secrets.RefreshAsync(secretNames.SigningKey, ct) : await secrets.GetAsync(secretNames.SigningKey, ct)).Reveal()),
            time);
        var dispatcher = new KerberosOperationDispatcher(backend, new RotationJournal(Path.Combine(stateDirectory, "rotations.json")), time, loggers.CreateLogger<KerberosOperationDispatcher>());
        var handler = new AgentRequestHandler(authenticator, dispatcher, loggers.CreateLogger<AgentRequestHandler>());
        listener = new HybridConnectionListener(relay, async ct => (await secrets.GetAsync(secretNames.ListenKey, ct)).Reveal(), handler, time, loggers.CreateLogger<HybridConnectionListener>());
    }

    public IKerberosBackend Backend { get; }

    public HybridConnectionListener Listener => listener;

    public Task StartAsync() => listener.StartAsync();

    public Task StopAsync() => listener.StopAsync();

    public ValueTask DisposeAsync() => listener.DisposeAsync();

    /// <summary>Reads the admin credentials secret (JSON) for the PowerShell backend.</summary>
    public static Func<CancellationToken, Task<KerberosAdminCredentials>> AdminCredentialsFrom(KeyVaultSecretCache secrets, string secretName)
        => async ct =>
        {
            var secret = await secrets.GetAsync(secretName, ct);
            try
            {
                using var document = JsonDocument.Parse(secret.Reveal());
                var root = document.RootElement;
                return new KerberosAdminCredentials
                {
                    CloudUserName = root.GetProperty("cloudUserName").GetString()!,
                    CloudPassword = root.GetProperty("cloudPassword").GetString()!,
                    DomainUserName = root.GetProperty("domainUserName").GetString()!,
                    DomainPassword = root.GetProperty("domainPassword").GetString()!,
                };
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new SecretUnavailableException($"Key Vault secret '{secretName}' is not the expected JSON object");
            }
        };
}
