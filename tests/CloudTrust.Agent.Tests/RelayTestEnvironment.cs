using System.Text;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Agent.Relay;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.KeyVault;
using CloudTrust.Simulator.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The whole path over real sockets: the simulated tenant (Entra, Key Vault, relay) on loopback HTTPS, the agent's
/// listener with the simulated AD, and the cloud side's sender — each side reading its keys from the simulated Key
/// Vault with the real Azure SDK. Every secret contains <see cref="Canary"/>, so a leak anywhere is findable.
/// </summary>
internal sealed class RelayTestEnvironment : IAsyncDisposable
{
    public const string HybridConnection = "cloudtrust-agent";
    public const string ListenRule = "agent-listen";
    public const string SendRule = "cloud-send";

    private readonly List<IAsyncDisposable> agents = [];
    private readonly List<IDisposable> senders = [];

    private RelayTestEnvironment(string canary)
    {
        Canary = canary;
        SigningKey = Encoding.UTF8.GetBytes(canary + "-signing-key-material!");
        ListenKey = canary + "-listen-key";
        SendKey = canary + "-send-key";
        AdminCredentialsJson = $$"""{"cloudUserName":"hia@contoso.onmicrosoft.com","cloudPassword":"{{canary}}-cloud-pw","domainUserName":"CONTOSO\\da","domainPassword":"{{canary}}-domain-pw"}""";
        StateDirectory = Path.Combine(Path.GetTempPath(), "cloudtrust-agent-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(StateDirectory);
        Loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    public string Canary { get; }

    public byte[] SigningKey { get; }

    public string ListenKey { get; }

    public string SendKey { get; }

    public string AdminCredentialsJson { get; }

    /// <summary>Gets the child domain's own Domain Admin secret (JSON), planted with the canary.</summary>
    public string ChildAdminCredentialsJson => $$"""{"domainUserName":"EMEA\\da","domainPassword":"{{Canary}}-child-domain-pw"}""";

    public string StateDirectory { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory Loggers { get; }

    public SimulatedTenantServer Server { get; private set; } = null!;

    public SimulatedRelay Relay { get; private set; } = null!;

    public SimulatedKeyVault Vault { get; private set; } = null!;

    public SimulatedActiveDirectory Directory { get; private set; } = null!;

    public CloudTrustAgent Agent { get; private set; } = null!;

    public KeyVaultSecretCache CloudSecrets { get; private set; } = null!;

    public string CloudClientSecret => Canary + "-cloud-app-secret";

    public string AgentClientSecret => Canary + "-agent-app-secret";

    public static async Task<RelayTestEnvironment> StartAsync(TimeSpan? relayTimeout = null, TimeProvider? serverClock = null)
    {
        var environment = new RelayTestEnvironment("CANARY" + Guid.NewGuid().ToString("N"));
        await environment.InitializeAsync(relayTimeout ?? TimeSpan.FromSeconds(20), serverClock);
        return environment;
    }

    private async Task InitializeAsync(TimeSpan relayTimeout, TimeProvider? serverClock)
    {
        Relay = new SimulatedRelay(HybridConnection, [new SharedAccessRule(ListenRule, ListenKey, RelayRights.Listen), new SharedAccessRule(SendRule, SendKey, RelayRights.Send)])
        {
            RequestTimeout = relayTimeout,
        };
        Vault = new SimulatedKeyVault();
        Server = await SimulatedTenantServer.StartAsync(new SimulatorOptions(), [Relay, Vault], serverClock);
        Server.Entra.RegisterClient("agent-app", AgentClientSecret);
        Server.Entra.RegisterClient("cloud-app", CloudClientSecret);
        Vault.SetSecret("relay-listen-key", ListenKey);
        Vault.SetSecret("relay-send-key", SendKey);
        Vault.SetSecret("agent-request-signing-key", Convert.ToBase64String(SigningKey));
        Vault.SetSecret("kerberos-admin-credentials", AdminCredentialsJson);
        Vault.SetSecret(AgentSecretNames.DomainAdminFor("emea.contoso.com"), ChildAdminCredentialsJson);
        CloudSecrets = SecretCache("cloud-app", CloudClientSecret);

        var seed = new SimulatedActiveDirectory(DirectoryPath, TimeProvider.System);
        foreach (var domain in SimulatedActiveDirectory.DemoForest())
        {
            seed.AddDomain(domain);
        }

        await StartAgentAsync();
    }

    public string DirectoryPath => Path.Combine(StateDirectory, "simulated-directory.json");

    public KeyVaultSecretCache SecretCache(string clientId, string clientSecret)
    {
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = Server.BaseAddress,
            TenantId = Server.Entra.TenantId.ToString(),
            ClientId = clientId,
            ClientSecret = clientSecret,
            AuthorityHost = Server.BaseAddress,
            PinnedCertificate = Server.Certificate,
        });
        return new KeyVaultSecretCache(client, TimeSpan.FromMinutes(5), TimeProvider.System, Loggers.CreateLogger<KeyVaultSecretCache>());
    }

    /// <summary>Starts (or restarts) the agent process's parts from the state directory, and waits until it listens.</summary>
    public async Task StartAgentAsync(RelayListenerOptions? listener = null)
    {
        Directory = new SimulatedActiveDirectory(DirectoryPath, TimeProvider.System);
        Agent = new CloudTrustAgent(
            listener ?? ListenerOptions(),
            new AgentSecretNames(),
            SecretCache("agent-app", AgentClientSecret),
            Directory,
            StateDirectory,
            TimeProvider.System,
            Loggers);
        agents.Add(Agent);
        var accepted = Relay.ListenersAccepted;
        await Agent.StartAsync();
        await Agent.Listener.WaitForConnectionAsync(1, Timeouts.Token);
        await WaitForRelayListenerAsync(accepted + 1);
    }

    /// <summary>
    /// Waits until the relay has registered at least <paramref name="acceptedAtLeast"/> control channels in all and one
    /// is live: the agent sees its WebSocket open a moment before the relay has filed it.
    /// </summary>
    public async Task WaitForRelayListenerAsync(int acceptedAtLeast)
    {
        var giveUp = Timeouts.Token;
        while (Relay.ListenersAccepted < acceptedAtLeast || Relay.ListenerCount == 0)
        {
            await Task.Delay(10, giveUp);
        }
    }

    public RelayListenerOptions ListenerOptions() => new()
    {
        RelayAddress = Server.BaseAddress,
        HybridConnectionName = HybridConnection,
        ListenRuleName = ListenRule,
        PinnedCertificate = Server.Certificate,
        MinReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
    };

    public async Task StopAgentAsync()
    {
        await Agent.DisposeAsync();
        agents.Remove(Agent);
    }

    public RelaySender CreateSender(int maxAttempts = 4, string sendRule = SendRule)
    {
        var sender = new RelaySender(
            new RelaySenderOptions
            {
                RelayAddress = Server.BaseAddress,
                HybridConnectionName = HybridConnection,
                SendRuleName = sendRule,
                PinnedCertificate = Server.Certificate,
                MaxAttempts = maxAttempts,
                FirstRetryDelay = TimeSpan.FromMilliseconds(100),
                AttemptTimeout = TimeSpan.FromSeconds(30),
            },
            CloudSecrets,
            TimeProvider.System,
            Loggers.CreateLogger<RelaySender>());
        senders.Add(sender);
        return sender;
    }

    /// <summary>Every place a secret might leak to: our logs and the simulator's request log.</summary>
    public string EverythingLogged()
        => Logs.AllText + "\n" + string.Join('\n', Server.Requests.Entries.Select(e => e.Path + " " + e.Body));

    /// <summary>Asserts no planted secret is in any log or logged request, and records the scan for docs/RELIABILITY.md.</summary>
    public void AssertNoSecretLeaked(string scenario)
    {
        var everything = EverythingLogged();
        var forms = SecretForms().ToList();
        Assert.All(forms, secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));
        CloudTrust.Tests.Shared.ReliabilityLedger.Record("secret-hygiene", $"agent and relay: {scenario} (logs and the simulator's request log, {forms.Count} secret forms)", Logs.Count + Server.Requests.Entries.Count, duplicates: 0);
    }

    /// <summary>The secret values planted in the vault, in the forms they could leak in.</summary>
    public IEnumerable<string> SecretForms()
    {
        yield return Canary;
        yield return Convert.ToBase64String(SigningKey);
        yield return ListenKey;
        yield return SendKey;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in agents)
        {
            await agent.DisposeAsync();
        }

        foreach (var sender in senders)
        {
            sender.Dispose();
        }

        await Server.DisposeAsync();
        Loggers.Dispose();
        try
        {
            System.IO.Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A generous bound on waits, so a broken test fails instead of hanging (never a timing assertion).</summary>
internal static class Timeouts
{
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
