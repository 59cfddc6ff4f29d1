namespace CloudTrust.Integrations.Graph;

/// <summary>A Graph request failed: the status and the Graph error body's <c>code</c> and <c>message</c>.</summary>
public sealed class GraphRequestException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="GraphRequestException"/> class.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">Graph's error code.</param>
    /// <param name="message">Graph's error message.</param>
    /// <param name="request">The method and path.</param>
    public GraphRequestException(int status, string code, string message, string request)
        : base($"{request} answered {status} {code}: {message}")
    {
        Status = status;
        Code = code;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; }

    /// <summary>Gets Graph's error code.</summary>
    public string Code { get; }
}
