namespace CloudTrust.Agent.Relay;

/// <summary>An HTTP request as the listener received it through the relay.</summary>
/// <param name="Id">The relay's request id.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The path and query relative to the hybrid connection.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The body.</param>
internal sealed record RelayHttpRequest(string Id, string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Gets a header's value, ignoring case.</summary>
    public string? Header(string name)
        => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>The listener's answer.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
internal sealed record RelayHttpResponse(int StatusCode, byte[] Body);

/// <summary>Serves the requests a relay listener receives.</summary>
internal interface IRelayRequestHandler
{
    /// <summary>Answers one request.</summary>
    Task<RelayHttpResponse> HandleAsync(RelayHttpRequest request, CancellationToken cancellationToken);
}
