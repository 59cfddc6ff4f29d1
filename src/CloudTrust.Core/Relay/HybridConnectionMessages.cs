using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Core.Relay;

/// <summary>
/// The JSON control messages of the Azure Relay Hybrid Connections protocol that the listener and the simulated
/// relay exchange (https://learn.microsoft.com/azure/azure-relay/relay-hybrid-connections-protocol): the service
/// sends <c>{"request":{...}}</c> (a body, when present, follows as binary frames) and the listener answers
/// <c>{"response":{...}}</c> (its body following the same way) and renews its token with <c>{"renewToken":{...}}</c>.
/// </summary>
public sealed record HybridConnectionMessage
{
    /// <summary>Gets a request the service passes to the listener.</summary>
    public RelayedRequest? Request { get; init; }

    /// <summary>Gets the listener's response.</summary>
    public RelayedResponse? Response { get; init; }

    /// <summary>Gets the listener's token renewal.</summary>
    public RenewToken? RenewToken { get; init; }

    /// <summary>Gets a WebSocket sender's connection the service offers the listener (the product serves HTTP only).</summary>
    public AcceptConnection? Accept { get; init; }

    /// <summary>Gets the JSON settings of the control messages.</summary>
    /// <remarks>The protocol page defines <c>statusCode</c> as a number but its example writes a string: both are read.</remarks>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>An HTTP request relayed to the listener.</summary>
/// <param name="Address">The rendezvous WebSocket address, for a listener that must (or wants to) answer over it.</param>
/// <param name="Id">The request id the response names.</param>
/// <param name="RequestTarget">The path and query relative to the hybrid connection; null when the request is too
/// large for the control channel and must be fetched over the rendezvous socket at <paramref name="Address"/>.</param>
/// <param name="Method">The HTTP method; null in the same case.</param>
/// <param name="RequestHeaders">The request headers (relay-internal ones removed).</param>
/// <param name="Body">True when a body follows as binary frames (or, on rendezvous, over that socket).</param>
public sealed record RelayedRequest(string? Address, string Id, string? RequestTarget, string? Method, IReadOnlyDictionary<string, string>? RequestHeaders, bool Body)
{
    /// <summary>The largest body the service sends or accepts on the control channel; larger ones use rendezvous.</summary>
    public const int MaxControlChannelBody = 64 * 1024;

    /// <summary>Gets a value indicating whether the listener must fetch the request over the rendezvous socket.</summary>
    public bool IsOnRendezvous => Method is null;
}

/// <summary>The listener's answer to a relayed request.</summary>
/// <param name="RequestId">The id of the request answered.</param>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="StatusDescription">The reason phrase.</param>
/// <param name="ResponseHeaders">The response headers.</param>
/// <param name="Body">True when a body follows as binary frames.</param>
public sealed record RelayedResponse(string RequestId, int StatusCode, string? StatusDescription, IReadOnlyDictionary<string, string>? ResponseHeaders, bool Body);

/// <summary>A WebSocket connection the service offers the listener: accepted by connecting to <paramref name="Address"/>,
/// rejected by connecting to it with <c>sb-hc-statusCode</c> and <c>sb-hc-statusDescription</c> added.</summary>
/// <param name="Address">The one-time accept address.</param>
/// <param name="Id">The connection's id.</param>
/// <param name="ConnectHeaders">The sender's handshake headers.</param>
public sealed record AcceptConnection(string? Address, string? Id, IReadOnlyDictionary<string, string>? ConnectHeaders);

/// <summary>A fresh SAS token the listener sends before its current one expires.</summary>
/// <param name="Token">The token text.</param>
public sealed record RenewToken(string Token);
