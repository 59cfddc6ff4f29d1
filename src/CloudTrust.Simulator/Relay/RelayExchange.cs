using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Relay;

/// <summary>A listener's answer as the relay received it.</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="StatusDescription">The reason phrase, when given.</param>
/// <param name="Headers">The response headers (values as text).</param>
/// <param name="Body">The body (empty when none).</param>
internal sealed record RelayedAnswer(int StatusCode, string? StatusDescription, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>
/// One sender request in flight through the simulated relay: the listener it went to, the one-time rendezvous
/// address (its <c>sb-hc-id</c> is an unguessable id, so the address itself is the capability: the listener connects
/// to it without a token, as Microsoft's listeners do), the full request for a listener that must fetch it over
/// rendezvous, and the answer.
/// </summary>
internal sealed class RelayExchange(string id, ListenerChannel listener, JsonObject request, byte[] body, bool onRendezvous)
{
    private readonly TaskCompletionSource<RelayedAnswer> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int rendezvousClaimed;

    /// <summary>Gets the request id (also the rendezvous address's <c>sb-hc-id</c>).</summary>
    public string Id { get; } = id;

    /// <summary>Gets the listener the request was routed to.</summary>
    public ListenerChannel Listener { get; } = listener;

    /// <summary>Gets the full <c>request</c> message body (the object inside <c>{"request": …}</c>).</summary>
    public JsonObject Request { get; } = request;

    /// <summary>Gets the request body.</summary>
    public byte[] Body { get; } = body;

    /// <summary>Gets the sender's connection (the service keeps a rendezvous socket per sender connection).</summary>
    public string SenderConnection { get; init; } = string.Empty;

    /// <summary>Gets a value indicating whether the request is delivered over the rendezvous socket.</summary>
    public bool OnRendezvous { get; } = onRendezvous;

    /// <summary>Gets the answer, when it comes.</summary>
    public Task<RelayedAnswer> Answer => answer.Task;

    /// <summary>Claims the rendezvous address; only the first connection may use it.</summary>
    /// <returns>True for the first claim.</returns>
    public bool ClaimRendezvous() => Interlocked.Exchange(ref rendezvousClaimed, 1) == 0;

    /// <summary>Completes the exchange with the listener's answer.</summary>
    /// <param name="relayed">The answer.</param>
    public void Complete(RelayedAnswer relayed) => answer.TrySetResult(relayed);

    /// <summary>Fails the exchange (the listener's connection closed before it answered).</summary>
    /// <param name="reason">Why.</param>
    public void Fail(string reason) => answer.TrySetException(new RelayExchangeFailedException(reason));

    /// <summary>Ends the exchange unread: the listener closed the kept socket the request was sent on, so it goes again.</summary>
    public void Redirect() => answer.TrySetException(new RelayExchangeRedirectedException());
}

/// <summary>The listener closed a kept rendezvous socket without reading the request sent on it.</summary>
internal sealed class RelayExchangeRedirectedException() : Exception("The listener closed the rendezvous connection before it read the request.");

/// <summary>The listener's side of an exchange failed before it answered.</summary>
/// <param name="message">Why.</param>
internal sealed class RelayExchangeFailedException(string message) : Exception(message);
