using System.Security.Cryptography.X509Certificates;

namespace CloudTrust.Integrations.Graph;

/// <summary>Where and as whom to call Microsoft Graph. Holds no secret: the client secret is passed separately.</summary>
public sealed record GraphConnectionOptions
{
    /// <summary>Gets the Graph base address (no version), for example <c>https://graph.microsoft.com/</c> or the simulator's.</summary>
    public Uri BaseAddress { get; init; } = new("https://graph.microsoft.com/");

    /// <summary>Gets the identity platform host, for example <c>https://login.microsoftonline.com/</c> or the simulator's.</summary>
    public Uri AuthorityHost { get; init; } = new("https://login.microsoftonline.com/");

    /// <summary>Gets the tenant id.</summary>
    public required Guid TenantId { get; init; }

    /// <summary>Gets the application (client) id.</summary>
    public required string ClientId { get; init; }

    /// <summary>Gets a certificate to trust in addition to the system's (the simulator's); null against the real cloud.</summary>
    public X509Certificate2? PinnedCertificate { get; init; }

    /// <summary>Gets the page size asked of v1.0 collections (<c>$top</c>).</summary>
    public int CollectionPageSize { get; init; } = 999;

    /// <summary>Gets the page size asked of the device report (<c>top</c>).</summary>
    public int ReportPageSize { get; init; } = 1000;

    /// <summary>
    /// Gets the SDK retry handler's first back-off, used when a 429/503/504 answer carries no <c>Retry-After</c>
    /// (the SDK default is 3 seconds, growing with each attempt); whole seconds, 0 to 180.
    /// </summary>
    public int RetryDelaySeconds { get; init; } = 3;

    /// <summary>Gets how many times the SDK retry handler repeats a throttled or unavailable request (at most 10).</summary>
    public int MaxRetries { get; init; } = 5;
}
