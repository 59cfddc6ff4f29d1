using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CloudTrust.Integrations.Http;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// One authenticated Microsoft Graph pipeline (the SDK's <c>GraphClientFactory</c> handlers: retry on 429/503 with
/// Retry-After, redirect, compression, plus the Azure.Identity bearer-token handler) shared by the typed v1.0
/// <see cref="GraphServiceClient"/> and our small beta client.
/// </summary>
public sealed class GraphConnection : IDisposable
{
    private readonly HttpClient http;

    private GraphConnection(HttpClient http, GraphConnectionOptions options)
    {
        this.http = http;
        Options = options;
        var root = options.BaseAddress.ToString().TrimEnd('/');
        V1 = new GraphServiceClient(http, (Microsoft.Kiota.Abstractions.Authentication.IAuthenticationProvider?)null, root + "/v1.0");
        Beta = new BetaGraphClient(http, new Uri(root + "/beta/"));
        V1Json = new BetaGraphClient(http, new Uri(root + "/v1.0/"));
    }

    /// <summary>Gets the options the connection was made with.</summary>
    public GraphConnectionOptions Options { get; }

    /// <summary>Gets the typed v1.0 client.</summary>
    public GraphServiceClient V1 { get; }

    internal BetaGraphClient Beta { get; }

    /// <summary>Gets the small JSON client on v1.0, for large reads streamed into compact records rather than the typed SDK's models.</summary>
    internal BetaGraphClient V1Json { get; }

    /// <summary>Creates a connection that signs in with a client secret (client-credentials flow).</summary>
    /// <param name="options">Where and as whom.</param>
    /// <param name="clientSecret">The application's secret (fetched from Key Vault by the host; never journaled).</param>
    /// <returns>The connection.</returns>
    public static GraphConnection Create(GraphConnectionOptions options, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        var credential = new ClientSecretCredential(
            options.TenantId.ToString(),
            options.ClientId,
            clientSecret,
            new ClientSecretCredentialOptions
            {
                AuthorityHost = options.AuthorityHost,
                DisableInstanceDiscovery = true,
                Transport = new HttpClientTransport(PinnedCertificateHandler.Create(options.PinnedCertificate)),
            });
        return Create(options, credential);
    }

    /// <summary>Creates a connection that signs in with any Azure.Identity credential (certificate, device code, managed identity…).</summary>
    /// <param name="options">Where to call Graph and which certificate to pin (tenant and client ids are the credential's business here).</param>
    /// <param name="credential">The credential; it must reach its authority itself (its own transport when pinned).</param>
    /// <returns>The connection.</returns>
    public static GraphConnection Create(GraphConnectionOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var authentication = new AzureIdentityAuthenticationProvider(
            credential,
            [options.BaseAddress.Host],
            null,
            false,
            "https://graph.microsoft.com/.default");
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var retry = handlers.IndexOf(handlers.First(h => h is RetryHandler));
        handlers[retry] = new RetryHandler(new RetryHandlerOption { Delay = options.RetryDelaySeconds, MaxRetry = options.MaxRetries });
        handlers.Add(new TransientConnectionRetryHandler(GraphIdempotency.SafeToRepeat, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        var http = GraphClientFactory.Create(
            authentication,
            handlers,
            finalHandler: PinnedCertificateHandler.Create(options.PinnedCertificate));
        http.Timeout = TimeSpan.FromMinutes(5);
        return new GraphConnection(http, options);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
