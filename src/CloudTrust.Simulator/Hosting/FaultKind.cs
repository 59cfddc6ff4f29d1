namespace CloudTrust.Simulator.Hosting;

/// <summary>A failure the simulated tenant can inject into a request, as a real cloud service fails.</summary>
public enum FaultKind
{
    /// <summary>429 Too Many Requests with <c>Retry-After</c>.</summary>
    TooManyRequests,

    /// <summary>503 Service Unavailable with <c>Retry-After</c>.</summary>
    ServiceUnavailable,

    /// <summary>504 Gateway Timeout.</summary>
    GatewayTimeout,

    /// <summary>The connection is reset before any answer.</summary>
    ConnectionReset,
}
