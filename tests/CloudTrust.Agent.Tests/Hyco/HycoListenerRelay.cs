using System.Net.Security;
using System.Security.Cryptography;
using CloudTrust.Core.Relay;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.KeyVault;
using CloudTrust.Simulator.Relay;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>
/// The simulated relay on loopback with Microsoft's listener (tests/tools/hyco/listener.js, hyco-https
/// <c>createRelayedServer</c> with a token function over its own <c>createRelayToken</c>) connected to it, and an
/// HTTP client in front that signs its Send tokens with the product's sender code (<see cref="SharedAccessSignature"/>).
/// </summary>
internal sealed class HycoListenerRelay : IAsyncDisposable
{
    public const string HybridConnection = "hyco-conformance";
    public const string ListenRule = "hyco-listen";
    public const string SendRule = "hyco-send";
    private const string CloudApp = "cloud-app";
    private static readonly string CloudAppSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private readonly Dictionary<string, string> listenerSettings;
    private readonly List<HycoNode> extraListeners = [];

    private HycoListenerRelay(SimulatedRelay relay, SimulatedTenantServer server, HycoNode listener, string sendKey, Dictionary<string, string> listenerSettings)
    {
        Relay = relay;
        Server = server;
        Listener = listener;
        SendKey = sendKey;
        this.listenerSettings = listenerSettings;
        Http = CreateClient(64);
    }

    public SimulatedRelay Relay { get; }

    public SimulatedTenantServer Server { get; }

    public HycoNode Listener { get; }

    public HttpClient Http { get; }

    public string SendKey { get; }

    /// <summary>Starts the relay and Microsoft's listener and waits until the relay has filed its control channel.</summary>
    /// <param name="environment">Extra listener settings (HYCO_RENEW_MS, HYCO_TOKEN_SECONDS).</param>
    /// <returns>The running pair.</returns>
    /// <param name="rendezvousIdleTimeout">How long the relay keeps an idle rendezvous socket (its default when null).</param>
    public static async Task<HycoListenerRelay> StartAsync(IReadOnlyDictionary<string, string>? environment = null, TimeSpan? rendezvousIdleTimeout = null)
    {
        var listenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var sendKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var relay = new SimulatedRelay(HybridConnection, [new SharedAccessRule(ListenRule, listenKey, RelayRights.Listen), new SharedAccessRule(SendRule, sendKey, RelayRights.Send)])
        {
            RequestTimeout = TimeSpan.FromSeconds(30),
            MaxRequestBodyBytes = 2 * 1024 * 1024,
            RendezvousIdleTimeout = rendezvousIdleTimeout ?? TimeSpan.FromSeconds(60),
        };
        var vault = new SimulatedKeyVault();
        var server = await SimulatedTenantServer.StartAsync(new SimulatorOptions(), [relay, vault]);
        server.Entra.RegisterClient(CloudApp, CloudAppSecret);
        vault.SetSecret("relay-send-key", sendKey);
        vault.SetSecret("agent-request-signing-key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HYCO_NAMESPACE"] = server.BaseAddress.Authority,
            ["HYCO_PATH"] = HybridConnection,
            ["HYCO_KEY_NAME"] = ListenRule,
            ["HYCO_KEY"] = listenKey,
            ["HYCO_KERBEROS_ANSWER"] = System.Text.Json.JsonSerializer.Serialize(
                new CloudTrust.Core.Kerberos.KerberosOperationResult { Operation = CloudTrust.Core.Kerberos.KerberosOperations.GetKerberosServer, Domain = "contoso.com" },
                CloudTrust.Core.Kerberos.KerberosJson.Options),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var listener = await HycoNode.StartAsync("listener.js", server.Certificate, settings);
        var pair = new HycoListenerRelay(relay, server, listener, sendKey, settings);
        try
        {
            await listener.WaitForLinesAsync(l => l == "listening", 1, Timeouts.Token);
            await pair.WaitForListenersAsync(1, Timeouts.Token);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects one more of Microsoft's listeners to the same hybrid connection and waits until the relay has it.</summary>
    /// <returns>The listener process.</returns>
    public async Task<HycoNode> AddListenerAsync()
    {
        var accepted = Relay.ListenersAccepted;
        var listener = await HycoNode.StartAsync("listener.js", Server.Certificate, listenerSettings);
        extraListeners.Add(listener);
        await listener.WaitForLinesAsync(l => l == "listening", 1, Timeouts.Token);
        await WaitForListenersAsync(accepted + 1, Timeouts.Token);
        return listener;
    }

    /// <summary>An HTTP client for the relay with at most <paramref name="maxConnections"/> connections (one keeps every request on one connection).</summary>
    public HttpClient CreateClient(int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            // HTTP allows header values beyond ASCII; both directions are UTF-8 here, as in the relay.
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
            ResponseHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
            MaxConnectionsPerServer = maxConnections,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                    && certificate.GetCertHashString(HashAlgorithmName.SHA256) == Server.Certificate.GetCertHashString(HashAlgorithmName.SHA256),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Waits until the relay has accepted at least <paramref name="accepted"/> control channels and one is live.</summary>
    public async Task WaitForListenersAsync(int accepted, CancellationToken cancellationToken)
    {
        while (Relay.ListenersAccepted < accepted || Relay.ListenerCount == 0)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Gets the hybrid connection's HTTPS address plus <paramref name="suffix"/>.</summary>
    public Uri Address(string suffix = "") => new(Server.BaseAddress, HybridConnection + suffix);

    /// <summary>Makes a Send token as the product's sender does.</summary>
    public string SendToken(string? key = null, string rule = SendRule, TimeSpan? lifetime = null)
        => SharedAccessSignature.Create(SharedAccessSignature.ResourceFor(Server.BaseAddress, HybridConnection), rule, key ?? SendKey, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(10)));

    /// <summary>Builds a request with the Send token in the ServiceBusAuthorization header.</summary>
    public HttpRequestMessage Request(HttpMethod method, string suffix, byte[]? body = null)
    {
        var message = new HttpRequestMessage(method, Address(suffix));
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        message.Headers.TryAddWithoutValidation(SimulatedRelay.AuthorizationHeader, SendToken());
        return message;
    }

    /// <summary>The product's own sender (keys from the simulated Key Vault), pointed at Microsoft's listener.</summary>
    public RelaySender CreateSender()
    {
        var secrets = new KeyVaultSecretCache(
            KeyVaultSecretClientFactory.Create(new KeyVaultConnection
            {
                VaultUri = Server.BaseAddress,
                TenantId = Server.Entra.TenantId.ToString(),
                ClientId = CloudApp,
                ClientSecret = CloudAppSecret,
                AuthorityHost = Server.BaseAddress,
                PinnedCertificate = Server.Certificate,
            }),
            TimeSpan.FromMinutes(5),
            TimeProvider.System,
            NullLogger<KeyVaultSecretCache>.Instance);
        return new RelaySender(
            new RelaySenderOptions { RelayAddress = Server.BaseAddress, HybridConnectionName = HybridConnection, SendRuleName = SendRule, PinnedCertificate = Server.Certificate, MaxAttempts = 1 },
            secrets,
            TimeProvider.System,
            NullLogger<RelaySender>.Instance);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var extra in extraListeners)
        {
            await extra.DisposeAsync();
        }

        await Listener.DisposeAsync();
        await Server.DisposeAsync();
    }
}
