using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CloudTrust.Integrations.Http;
using System.Text.Json.Nodes;
using CloudTrust.Agent;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Agent.Relay;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Time;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Simulator.Graph;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.KeyVault;
using CloudTrust.Simulator.Relay;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Cli.Simulated;

/// <summary>
/// A whole simulated tenant in one process: Entra, Graph with an Intune fleet over three ring groups, Key Vault and
/// Azure Relay on one HTTPS loopback address, plus the on-premises agent with the simulated AD forest (contoso.com,
/// emea.contoso.com) listening on the relay — all on one shared <see cref="AcceleratedTimeProvider"/> for the fleet.
/// Writes <c>tenant.json</c>, the certificate, a sample <c>plan.json</c> and (when generated) the client-secret file
/// into its directory, so a <c>cloudtrust</c> process elsewhere can use it with <c>--settings</c> or <c>--simulated</c>.
/// </summary>
public sealed class SimulatedTenant : IAsyncDisposable
{
    /// <summary>The CLI app registration's client id.</summary>
    public const string ClientId = "3c1d7e55-0b1e-4c1a-9f00-c11c11c11c11";

    /// <summary>The relay hybrid connection's name.</summary>
    public const string HybridConnection = "cloudtrust-agent";

    private const string ListenRule = "agent-listen";
    private const string SendRule = "cloud-send";
    private const string AgentClientId = "agent-app";

    private readonly CloudTrustAgent agent;
    private string clientSecret = string.Empty;

    private SimulatedTenant(SimulatedTenantServer server, SimulatedIntune intune, SimulatedRelay relay, CloudTrustAgent agent, AcceleratedTimeProvider clock, SimulatedTenantOptions options)
    {
        Server = server;
        Intune = intune;
        Relay = relay;
        this.agent = agent;
        Clock = clock;
        Rings = options.Rings;
        Directory = Path.GetFullPath(options.Directory);
    }

    /// <summary>Gets the domains of the simulated AD forest.</summary>
    public static IReadOnlyList<string> Domains { get; } = [.. SimulatedActiveDirectory.DemoForest().Select(d => d.DnsName)];

    /// <summary>Gets the HTTPS server (its <see cref="SimulatedTenantServer.BaseAddress"/>, certificate and request log).</summary>
    public SimulatedTenantServer Server { get; }

    /// <summary>Gets the simulated Intune: the fleet and the policies the rollout creates and assigns.</summary>
    public SimulatedIntune Intune { get; }

    /// <summary>Gets the simulated relay.</summary>
    public SimulatedRelay Relay { get; }

    /// <summary>Gets the agent's simulated AD forest (to check what really happened on premises).</summary>
    internal Agent.Backends.Simulated.SimulatedActiveDirectory ActiveDirectory => (Agent.Backends.Simulated.SimulatedActiveDirectory)agent.Backend;

    /// <summary>Gets the agent's dispatcher over its state directory: what an administrator's <c>CloudTrust.Agent kerberos complete</c> runs on this host.</summary>
    internal Agent.Operations.KerberosOperationDispatcher AgentDispatcher => agent.Dispatcher;

    /// <summary>Gets the accelerated clock the fleet runs on; <see cref="ClockSettings"/> lets another process share it.</summary>
    public AcceleratedTimeProvider Clock { get; }

    /// <summary>Gets the clock's anchor, as written to <c>tenant.json</c>.</summary>
    public SimulatedClockSettings ClockSettings { get; private set; } = null!;

    /// <summary>Gets the ring groups of the fleet.</summary>
    public IReadOnlyList<SimulatedRing> Rings { get; }

    /// <summary>Gets the directory the files are in (full path).</summary>
    public string Directory { get; }

    /// <summary>Gets the settings file (<c>tenant.json</c>).</summary>
    public string SettingsPath => Path.Combine(Directory, SimulatedTenantFiles.SettingsFile);

    /// <summary>Gets the simulator's public certificate (PEM).</summary>
    public string CertificatePath => Path.Combine(Directory, SimulatedTenantFiles.CertificateFile);

    /// <summary>Gets the sample plan naming the three ring groups and the two domains.</summary>
    public string PlanPath => Path.Combine(Directory, SimulatedTenantFiles.PlanFile);

    /// <summary>Gets the sample rotation policy over the two domains (docs/ROTATION.md).</summary>
    public string RotationPolicyPath => Path.Combine(Directory, SimulatedTenantFiles.RotationPolicyFile);

    /// <summary>Gets the generated client-secret file (0600), or null when the secret came from the options or the environment.</summary>
    public string? ClientSecretPath { get; private set; }

    /// <summary>Gets the endpoints (no secret).</summary>
    public SimulatedTenantEndpoints Endpoints => new(Server.BaseAddress, Server.Entra.TenantId, ClientId, HybridConnection, SendRule);

    /// <summary>Starts the tenant and the agent, waits until the agent listens on the relay, and writes the files.</summary>
    /// <param name="options">Where and how.</param>
    /// <param name="loggers">Where the agent's and the simulator's logs go; none when null.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The running tenant; dispose it to stop.</returns>
    public static async Task<SimulatedTenant> StartAsync(SimulatedTenantOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new Core.Validation.InvalidInputException("simulator", problems);
        }

        loggers ??= NullLoggerFactory.Instance;
        var directory = System.IO.Directory.CreateDirectory(options.Directory).FullName;
        var anchor = DateTimeOffset.UtcNow;
        var clockSettings = new SimulatedClockSettings(anchor, options.SimulatedStart ?? anchor, options.TimeFactor);
        var clock = clockSettings.CreateClock();

        var intune = new SimulatedIntune(new SimulatedGraphOptions { Seed = options.Seed, ThrottleRate = options.ThrottleRate, UserDnsDomain = "contoso.com" }, clock);
        SeedFleet(intune, options);
        var keys = new PlantedKeys();
        var relay = new SimulatedRelay(HybridConnection, [new SharedAccessRule(ListenRule, keys.ListenKey, RelayRights.Listen), new SharedAccessRule(SendRule, keys.SendKey, RelayRights.Send)]);
        var vault = new SimulatedKeyVault();
        var server = await SimulatedTenantServer.StartAsync(
            new SimulatorOptions { Port = options.Port, Seed = options.Seed },
            [new SimulatedGraph(intune), vault, relay],
            cancellationToken: cancellationToken);
        try
        {
            var (clientSecret, secretPath) = ResolveClientSecret(options, directory);
            server.Entra.RegisterClient(ClientId, clientSecret);
            server.Entra.RegisterClient(AgentClientId, keys.AgentClientSecret);
            vault.SetSecret("relay-listen-key", keys.ListenKey);
            vault.SetSecret("relay-send-key", keys.SendKey);
            vault.SetSecret("agent-request-signing-key", keys.SigningKey);
            vault.SetSecret("kerberos-admin-credentials", keys.AdminCredentialsJson);
            vault.SetSecret(AgentSecretNames.DomainAdminFor("emea.contoso.com"), keys.ChildAdminCredentialsJson);

            var agent = await StartAgentAsync(server, relay, directory, keys, clock, loggers, options.KerberosServersExist, cancellationToken);
            var tenant = new SimulatedTenant(server, intune, relay, agent, clock, options) { ClockSettings = clockSettings, ClientSecretPath = secretPath, clientSecret = clientSecret };
            await File.WriteAllTextAsync(tenant.CertificatePath, server.Certificate.ExportCertificatePem(), cancellationToken);
            SimulatedTenantFiles.WriteSamplePlan(tenant.PlanPath, server.Entra.TenantId, options.Rings, Domains);
            SimulatedTenantFiles.WriteSampleRotationPolicy(tenant.RotationPolicyPath, Domains);
            SimulatedTenantFiles.WriteSettings(tenant.SettingsPath, tenant.Endpoints, clockSettings);
            return tenant;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the tenant for a command that Ctrl+C may stop while it starts: the command gets its cancellation at once,
    /// and a start already under way is left to finish and is disposed then, off the command's path.
    /// </summary>
    /// <param name="options">Where and how.</param>
    /// <param name="loggers">Where logs go; none when null.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The running tenant.</returns>
    public static async Task<SimulatedTenant> StartStoppableAsync(SimulatedTenantOptions options, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        // Run apart: the start does seconds of work (a certificate, the fleet) before its first await.
        var start = Task.Run(() => StartAsync(options, loggers, cancellationToken), CancellationToken.None);
        try
        {
            return await start.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = start.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.DisposeAsync().AsTask() : Task.CompletedTask, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            throw;
        }
    }

    /// <summary>
    /// Creates a credential for the CLI app that holds its secret in this process (for an in-process host such as the
    /// demo, which must not put the secret into the environment or a file).
    /// </summary>
    /// <returns>A client-secret credential against the simulated Entra, over the pinned certificate.</returns>
    public TokenCredential CreateCredential() => new ClientSecretCredential(
        Server.Entra.TenantId.ToString(),
        ClientId,
        clientSecret,
        new ClientSecretCredentialOptions
        {
            AuthorityHost = Server.BaseAddress,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(PinnedCertificateHandler.Create(Server.Certificate)),
        });

    /// <summary>Reads the settings file this tenant wrote, as a CLI process would.</summary>
    /// <returns>The settings.</returns>
    public TenantSettings ReadSettings() => TenantSettings.Read(SettingsPath);

    /// <summary>Gets how many devices are in a ring group.</summary>
    /// <param name="ring">The ring.</param>
    /// <param name="deviceCount">All devices.</param>
    /// <returns>The ring's share, at least one device.</returns>
    public static int DevicesIn(SimulatedRing ring, int deviceCount)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return Math.Max(1, (int)Math.Round(ring.Share * deviceCount));
    }

    /// <summary>Stops the on-premises agent's relay listener (the server it runs on is down), so requests find no listener.</summary>
    /// <returns>A task that completes when the listener has stopped.</returns>
    internal Task StopAgentAsync() => agent.StopAsync();

    /// <summary>Starts the agent's relay listener again.</summary>
    /// <returns>A task that completes when it listens.</returns>
    internal Task StartAgentAsync() => agent.StartAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await agent.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static void SeedFleet(SimulatedIntune intune, SimulatedTenantOptions options)
    {
        foreach (var ring in options.Rings)
        {
            intune.AddDeviceGroup(ring.GroupId, DevicesIn(ring, options.DeviceCount), ring.Mix);
        }
    }

    private static (string Secret, string? Path) ResolveClientSecret(SimulatedTenantOptions options, string directory)
    {
        if (options.ClientSecret is { Length: > 0 } given)
        {
            return (given, null);
        }

        if (Environment.GetEnvironmentVariable(TenantSettings.ClientSecretVariable) is { Length: > 0 } fromEnvironment)
        {
            return (fromEnvironment, null);
        }

        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var path = Path.Combine(directory, SimulatedTenantFiles.ClientSecretFile);
        SimulatedTenantFiles.WriteSecret(path, generated);
        return (generated, path);
    }

    /// <summary>
    /// The demo's forest is ready for cloud Kerberos trust: its Branch site gets a writable Windows Server 2022 DC
    /// (the demo forest's own Branch DCs are a read-only and a 2012 R2 one, which <c>plan</c> reports as blocking),
    /// and the first fleet user is a Tier 0 operator, whom <c>plan</c> names as denied by the object's policy.
    /// </summary>
    private static void ReadyForTheDemo(Agent.Backends.Simulated.SimulatedDomain domain)
    {
        if (domain.DnsName == "contoso.com")
        {
            domain.DomainControllers.Add(new Core.Kerberos.DomainController("dc4.contoso.com", "Branch", "Windows Server 2022 Standard", 20348, true));
            domain.Users.Add(FirstFleetUser);
            domain.Groups["Tier0 Operators"].Add(FirstFleetUser);
        }
    }

    /// <summary>The first fleet device's user, a member of Domain Admins through Tier0 Operators in the simulated forest.</summary>
    public const string FirstFleetUser = "user000001@contoso.example";

    private static async Task<CloudTrustAgent> StartAgentAsync(SimulatedTenantServer server, SimulatedRelay relay, string directory, PlantedKeys keys, TimeProvider clock, ILoggerFactory loggers, bool kerberosServersExist, CancellationToken cancellationToken)
    {
        var state = System.IO.Directory.CreateDirectory(Path.Combine(directory, "agent")).FullName;
        var forestPath = Path.Combine(state, "simulated-directory.json");
        File.Delete(forestPath);
        File.Delete(Path.Combine(state, "rotations.json"));
        var forest = new SimulatedActiveDirectory(forestPath, clock);
        foreach (var domain in SimulatedActiveDirectory.DemoForest())
        {
            // A lagging domain's cloud half catches up after a while, as replication to Entra ID does.
            domain.CloudCatchesUpAfter = TimeSpan.FromMinutes(40);
            ReadyForTheDemo(domain);
            forest.AddDomain(domain);

            // Set up before CloudTrust arrived, as in a tenant that already uses cloud Kerberos trust somewhere.
            if (kerberosServersExist)
            {
                await forest.ExecuteAsync(Core.Kerberos.KerberosOperationRequest.EnsureKerberosServer(domain.DnsName), null, cancellationToken);
            }
        }

        var secrets = new KeyVaultSecretCache(
            KeyVaultSecretClientFactory.Create(new KeyVaultConnection
            {
                VaultUri = server.BaseAddress,
                TenantId = server.Entra.TenantId.ToString(),
                ClientId = AgentClientId,
                ClientSecret = keys.AgentClientSecret,
                AuthorityHost = server.BaseAddress,
                PinnedCertificate = server.Certificate,
            }),
            TimeSpan.FromMinutes(5),
            TimeProvider.System,
            loggers.CreateLogger<KeyVaultSecretCache>());
        var agent = new CloudTrustAgent(
            new RelayListenerOptions
            {
                RelayAddress = server.BaseAddress,
                HybridConnectionName = HybridConnection,
                ListenRuleName = ListenRule,
                PinnedCertificate = server.Certificate,
                MinReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(2),
            },
            new AgentSecretNames(),
            secrets,
            forest,
            state,
            TimeProvider.System,
            loggers);
        await agent.StartAsync();
        await agent.Listener.WaitForConnectionAsync(1, cancellationToken);
        while (relay.ListenerCount == 0)
        {
            await Task.Delay(10, cancellationToken);
        }

        return agent;
    }

    /// <summary>The relay keys, signing key and admin credentials planted in the simulated vault; random per start, never written to a file.</summary>
    private sealed class PlantedKeys
    {
        public string ListenKey { get; } = Random();

        public string SendKey { get; } = Random();

        public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        public string AgentClientSecret { get; } = Random();

        public string AdminCredentialsJson { get; } = new JsonObject
        {
            ["cloudUserName"] = "hybrid-admin@contoso.onmicrosoft.com",
            ["cloudPassword"] = Random(),
            ["domainUserName"] = "CONTOSO\\cloudtrust-da",
            ["domainPassword"] = Random(),
        }.ToJsonString();

        /// <summary>Gets the child domain's own Domain Admin (the forest root's is refused there, as in real forests).</summary>
        public string ChildAdminCredentialsJson { get; } = new JsonObject
        {
            ["domainUserName"] = SimulatedActiveDirectory.ChildDomainAdmin,
            ["domainPassword"] = Random(),
        }.ToJsonString();

        private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    }
}
