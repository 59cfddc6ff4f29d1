using CloudTrust.Agent.Attended;
using CloudTrust.Agent.Credentials;
using CloudTrust.Agent.Backends;
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
        ILoggerFactory loggers,
        string? host = null)
    {
        Backend = backend;
        Dispatcher = CreateDispatcher(secretNames, secrets, backend, stateDirectory, time, loggers, host);
        var authenticator = new RequestAuthenticator(
            async (refresh, ct) => Convert.FromBase64String((refresh ? await secrets.RefreshAsync(secretNames.SigningKey, ct) : await secrets.GetAsync(secretNames.SigningKey, ct)).Reveal()),
            time);
        var handler = new AgentRequestHandler(authenticator, Dispatcher, loggers.CreateLogger<AgentRequestHandler>());
        listener = new HybridConnectionListener(relay, async ct => (await secrets.GetAsync(secretNames.ListenKey, ct)).Reveal(), handler, time, loggers.CreateLogger<HybridConnectionListener>());
    }

    public IKerberosBackend Backend { get; }

    public KerberosOperationDispatcher Dispatcher { get; }

    /// <summary>
    /// Builds the dispatcher over a state directory: the service's, and an administrator's
    /// <c>CloudTrust.Agent kerberos complete</c> session's (a second process over the same directory).
    /// </summary>
    public static KerberosOperationDispatcher CreateDispatcher(AgentSecretNames secretNames, KeyVaultSecretCache secrets, IKerberosBackend backend, string stateDirectory, TimeProvider time, ILoggerFactory loggers, string? host = null)
        => new(
            backend,
            new RotationJournal(Path.Combine(stateDirectory, "rotations.json")),
            time,
            loggers.CreateLogger<KerberosOperationDispatcher>(),
            new KerberosCredentialStore(secrets, secretNames),
            new AttendedRequestStore(stateDirectory, host ?? Environment.MachineName, time));

    public HybridConnectionListener Listener => listener;

    public Task StartAsync() => listener.StartAsync();

    public Task StopAsync() => listener.StopAsync();

    public ValueTask DisposeAsync() => listener.DisposeAsync();
}
