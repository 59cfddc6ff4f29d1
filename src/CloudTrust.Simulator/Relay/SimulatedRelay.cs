using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Relay;

/// <summary>
/// One Azure Relay Hybrid Connection with HTTP enabled, written from the published protocol
/// (https://learn.microsoft.com/azure/azure-relay/relay-hybrid-connections-protocol) and checked against Microsoft's
/// own clients (npm hyco-https, Azure/azure-relay-node; Azure/azure-relay-dotnet). It shares no protocol or SAS code
/// with the product's sender and agent.
/// <list type="bullet">
/// <item>Listeners hold a control channel at <c>wss://{ns}/$hc/{name}?sb-hc-action=listen</c>, with a token conferring
/// Listen in the <c>ServiceBusAuthorization</c> header or the <c>sb-hc-token</c> query parameter; refused handshakes
/// get 401/403 with the reason in the status description; <c>renewToken</c> replaces the token; a channel whose token
/// expires is closed with 1008; unknown messages and stray (empty) binary messages are ignored.</item>
/// <item>Senders make HTTP requests with any method to <c>https://{ns}/{name}[/suffix][?query]</c> with a token
/// conferring Send in <c>sb-hc-token</c>, <c>ServiceBusAuthorization</c> or (only when neither is present)
/// <c>Authorization</c>; the token and every <c>sb-hc-*</c> query parameter are stripped, as are the RFC 7230
/// headers. A request whose headers and body fit in 64 KB goes to the listener as a <c>request</c> message (body as
/// one binary message); a larger one is announced with its rendezvous address only and delivered over the rendezvous
/// WebSocket, which needs no token (the one-time address is the capability); that socket is kept for the same sender
/// connection's later requests until the listener closes it or it idles for <see cref="RendezvousIdleTimeout"/>. A
/// listener is picked at random for each request. The answer comes back on the control
/// channel or on a rendezvous socket, with a <c>Via</c> header; errors are the service's: 401/403 for tokens, 413 for
/// a body over <see cref="MaxRequestBodyBytes"/>, 502 when no listener is connected or the listener's connection
/// drops, 504 when it does not answer within <see cref="RequestTimeout"/>.</item>
/// <item>WebSocket senders connect at <c>wss://{ns}/$hc/{name}?sb-hc-action=connect</c>; the listener is sent an
/// <c>accept</c> message and either connects to its address (the two sockets are then joined) or rejects it with
/// <c>sb-hc-statusCode</c>/<c>sb-hc-statusDescription</c> (that handshake ends in 410, and the sender gets the
/// listener's status).</item>
/// </list>
/// </summary>
public sealed class SimulatedRelay : ISimulatedService
{
    /// <summary>The header senders and listeners may put their SAS token in.</summary>
    public const string AuthorizationHeader = "ServiceBusAuthorization";

    /// <summary>The largest request, headers and body, the service puts on the control channel.</summary>
    public const int MaxControlChannelBytes = 64 * 1024;

    /// <summary>The RFC 7230 headers the service neither forwards to the listener nor takes from its response.</summary>
    private static readonly HashSet<string> ConnectionHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Content-Length", "Host", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Close", "Keep-Alive", "Proxy-Connection",
    };

    private readonly Dictionary<string, SharedAccessRule> rules;
    private readonly List<ListenerChannel> listeners = [];
    private readonly ConcurrentDictionary<string, RelayExchange> exchanges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingAccept> accepts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RendezvousChannel> keptRendezvous = new(StringComparer.Ordinal);
    private SimulatedTenantServer? tenant;
    private int dropNextResponse;
    private int listenersAccepted;
    private int rendezvousUsed;
    private int requestsOnKeptRendezvous;
    private int tokenRenewals;
    private int listenerCloses;

    /// <summary>Initializes a new instance of the <see cref="SimulatedRelay"/> class.</summary>
    /// <param name="hybridConnectionName">The hybrid connection's name (its path).</param>
    /// <param name="rules">The namespace's shared access rules.</param>
    public SimulatedRelay(string hybridConnectionName, IEnumerable<SharedAccessRule> rules)
    {
        ArgumentException.ThrowIfNullOrEmpty(hybridConnectionName);
        ArgumentNullException.ThrowIfNull(rules);
        HybridConnectionName = hybridConnectionName;
        this.rules = rules.ToDictionary(r => r.KeyName, StringComparer.Ordinal);
    }

    /// <summary>Gets the hybrid connection's name.</summary>
    public string HybridConnectionName { get; }

    /// <summary>Gets how long a sender's request waits for the listener's response (the service: 60 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long a WebSocket sender waits for the listener to accept (the service: 30 s).</summary>
    public TimeSpan AcceptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the largest request body the relay takes; larger ones get 413.</summary>
    public int MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Gets the largest WebSocket message (a control message or a response body) the relay reads.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Gets how many listeners are connected now.</summary>
    public int ListenerCount
    {
        get
        {
            lock (listeners)
            {
                return listeners.Count;
            }
        }
    }

    /// <summary>Gets how many control channels were accepted so far (a reconnect adds one).</summary>
    public int ListenersAccepted => Volatile.Read(ref listenersAccepted);

    /// <summary>Gets how many control channels their listener closed with a close handshake (not a dropped connection).</summary>
    public int ListenerCloses => Volatile.Read(ref listenerCloses);

    /// <summary>Gets how many listener token renewals were accepted so far.</summary>
    public int TokenRenewals => Volatile.Read(ref tokenRenewals);

    /// <summary>Gets how many rendezvous sockets were used so far.</summary>
    public int RendezvousUsed => Volatile.Read(ref rendezvousUsed);

    /// <summary>Gets how many rendezvous sockets are kept open now for their sender connection's next request.</summary>
    public int RendezvousKept => keptRendezvous.Count;

    /// <summary>Gets how many requests were sent over a rendezvous socket kept from an earlier request.</summary>
    public int RequestsOnKeptRendezvous => Volatile.Read(ref requestsOnKeptRendezvous);

    /// <summary>
    /// Gets how long a rendezvous socket that carried a request stays open for the same sender connection's next one
    /// (the service publishes no figure; a minute, like its request timeout).
    /// </summary>
    public TimeSpan RendezvousIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    private DateTimeOffset Now => tenant!.Time.GetUtcNow();

    private string Host => tenant!.BaseAddress.Host;

    /// <summary>
    /// Fault injection: the next response a listener sends on its control channel is not delivered; instead the
    /// channel is dropped, as when the network fails after the listener did the work.
    /// </summary>
    public void DropControlChannelOnNextResponse() => Interlocked.Exchange(ref dropNextResponse, 1);

    /// <summary>Drops every listener's control channel (the TCP connection, without a close handshake).</summary>
    public void DropListeners()
    {
        foreach (var listener in Snapshot())
        {
            listener.Socket.Abort();
        }
    }

    /// <summary>
    /// Fault injection: sends one raw WebSocket message to every connected listener's control channel, as a service
    /// newer than the listener (or a broken one) might: unknown control messages, malformed JSON, stray binary data.
    /// </summary>
    /// <param name="data">The message's bytes.</param>
    /// <param name="type">Text or binary.</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <returns>A task that completes when sent.</returns>
    public Task SendToListenersAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken)
        => Task.WhenAll(Snapshot().Select(l => l.SendAsync(s => s.SendAsync(data, type, true, cancellationToken).AsTask(), cancellationToken)));

    /// <summary>Closes every listener's control channel with 1001, as the service does when it shuts down.</summary>
    /// <param name="cancellationToken">Cancels the close handshakes.</param>
    /// <returns>A task that completes when every close was sent.</returns>
    public Task CloseListenersAsync(CancellationToken cancellationToken)
        => Task.WhenAll(Snapshot().Select(l => CloseAsync(l, WebSocketCloseStatus.EndpointUnavailable, "The service is shutting down.", cancellationToken)));

    /// <summary>Gets the resource URI tokens for this hybrid connection are signed over, in the form Microsoft's SDKs write.</summary>
    /// <param name="baseAddress">The relay namespace's address.</param>
    /// <returns>The resource URI, for example <c>http://127.0.0.1:5001/cloudtrust-agent/</c>.</returns>
    public string ResourceFor(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return $"http://{baseAddress.Authority}/{HybridConnectionName}/";
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes, SimulatedTenantServer tenant)
    {
        ArgumentNullException.ThrowIfNull(routes);
        this.tenant = tenant ?? throw new ArgumentNullException(nameof(tenant));
        if (routes.ServiceProvider.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)) is Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
        {
            // As the service going away: every control channel is closed with 1001 when the simulator stops.
            lifetime.ApplicationStopping.Register(() => CloseListenersAsync(CancellationToken.None).Wait(TimeSpan.FromMilliseconds(500)));
        }

        routes.Map("/$hc/" + HybridConnectionName, ControlEndpoint);
        routes.Map("/$hc/" + HybridConnectionName + "/{**suffix}", ControlEndpoint);
        routes.Map("/" + HybridConnectionName, SenderEndpoint);
        routes.Map("/" + HybridConnectionName + "/{**suffix}", SenderEndpoint);
    }

    private List<ListenerChannel> Snapshot()
    {
        lock (listeners)
        {
            return [.. listeners];
        }
    }

    private RelayAuthorization Authorize(string? token, RelayRights right)
        => RelayAuthorization.Check(token, rules, right, Host, HybridConnectionName, Now);

    private async Task ControlEndpoint(HttpContext http)
    {
        var query = http.Request.Query;
        var action = query["sb-hc-action"].ToString();
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Refuse(http, StatusCodes.Status400BadRequest, "BadRequest: This endpoint takes WebSocket upgrades only.");
            return;
        }

        switch (action)
        {
            case "listen":
                var listen = Authorize(http.Request.Headers[AuthorizationHeader].FirstOrDefault() ?? query["sb-hc-token"].FirstOrDefault(), RelayRights.Listen);
                if (!listen.Granted)
                {
                    await Refuse(http, listen.Status, listen.Error);
                    return;
                }

                using (var socket = await http.WebSockets.AcceptWebSocketAsync())
                {
                    await RunControlChannelAsync(new ListenerChannel(socket, listen.Expiry), http.RequestAborted);
                }

                break;
            case "request":
                if (!exchanges.TryGetValue(query["sb-hc-id"].ToString(), out var exchange) || !exchange.ClaimRendezvous())
                {
                    await Refuse(http, StatusCodes.Status403Forbidden, "Forbidden: The rendezvous URL is not valid or has expired.");
                    return;
                }

                using (var socket = await http.WebSockets.AcceptWebSocketAsync())
                {
                    Interlocked.Increment(ref rendezvousUsed);
                    await RunRendezvousAsync(exchange, socket, http.RequestAborted);
                }

                break;
            case "accept":
                await AcceptEndpointAsync(http);
                break;
            case "connect":
                await ConnectEndpointAsync(http);
                break;
            default:
                await Refuse(http, StatusCodes.Status400BadRequest, "BadRequest: Unrecognized sb-hc-action.");
                break;
        }
    }

    private async Task RunControlChannelAsync(ListenerChannel listener, CancellationToken cancellationToken)
    {
        lock (listeners)
        {
            listeners.Add(listener);
        }

        Interlocked.Increment(ref listenersAccepted);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expiryWatch = WatchExpiryAsync(listener, session.Token);
        (RelayExchange Exchange, RelayedAnswer Answer)? awaitingBody = null;
        try
        {
            while (listener.Socket.State == WebSocketState.Open)
            {
                var message = await RelayWebSocketMessages.ReadAsync(listener.Socket, MaxMessageBytes, session.Token);
                if (message is null)
                {
                    // The listener closed its channel (a clean shutdown is the client's): answer the close handshake.
                    Interlocked.Increment(ref listenerCloses);
                    await CloseAsync(listener, listener.Socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, listener.Socket.CloseStatusDescription ?? string.Empty, CancellationToken.None);
                    break;
                }

                if (message.Type == WebSocketMessageType.Binary)
                {
                    // The body of the response just announced; any other binary message (hyco-https follows a
                    // body-less response with an empty one) belongs to nothing and is ignored.
                    if (awaitingBody is { } announced)
                    {
                        announced.Exchange.Complete(announced.Answer with { Body = message.Data });
                    }

                    awaitingBody = null;
                    continue;
                }

                var json = RelayWebSocketMessages.ParseObject(message.Data);
                if (json?["renewToken"] is JsonObject renew)
                {
                    var renewal = Authorize(Text(renew["token"]), RelayRights.Listen);
                    if (!renewal.Granted)
                    {
                        await CloseAsync(listener, WebSocketCloseStatus.PolicyViolation, renewal.Error, session.Token);
                        break;
                    }

                    listener.Expiry = renewal.Expiry;
                    Interlocked.Increment(ref tokenRenewals);
                }
                else if (json?["response"] is JsonObject response && ReadAnswer(response) is { } answer)
                {
                    if (Interlocked.Exchange(ref dropNextResponse, 0) == 1)
                    {
                        listener.Socket.Abort();
                        break;
                    }

                    if (!exchanges.TryGetValue(answer.RequestId, out var exchange))
                    {
                        continue;
                    }

                    if (answer.HasBody)
                    {
                        awaitingBody = (exchange, answer.Answer);
                    }
                    else
                    {
                        exchange.Complete(answer.Answer);
                    }
                }

                // Anything else (unknown messages, malformed JSON) is ignored, as the service ignores what it does not know.
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            // The channel dropped or sent more than the relay takes; its requests fail below.
        }
        finally
        {
            lock (listeners)
            {
                listeners.Remove(listener);
            }

            await session.CancelAsync();
            await expiryWatch.ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var exchange in exchanges.Values.Where(e => e.Listener == listener && !e.OnRendezvous))
            {
                exchange.Fail("The listener's control channel closed before it responded.");
            }
        }
    }

    private async Task WatchExpiryAsync(ListenerChannel listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (listener.Expiry <= Now)
                {
                    // The protocol page: the service drops the control channel at or soon after the token's expiry, with 1008.
                    await CloseAsync(listener, WebSocketCloseStatus.PolicyViolation, "ExpiredToken: The security token has expired.", cancellationToken);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), tenant!.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task CloseAsync(ListenerChannel listener, WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(2));
            await listener.SendAsync(s => s.CloseOutputAsync(status, Truncate(description, 120), bounded.Token), bounded.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            listener.Socket.Abort();
        }
    }

    private Task RunRendezvousAsync(RelayExchange exchange, WebSocket socket, CancellationToken cancellationToken)
    {
        if (!exchange.OnRendezvous)
        {
            // The listener opened the socket to answer a request it got on its control channel.
            return AnswerOnRendezvousAsync(exchange, socket, cancellationToken);
        }

        var channel = new RendezvousChannel(socket, exchange.Listener, exchange.SenderConnection);
        channel.TryReserve();
        return ServeRendezvousAsync(channel, exchange, cancellationToken);
    }

    private async Task AnswerOnRendezvousAsync(RelayExchange exchange, WebSocket socket, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            while (true)
            {
                var message = await RelayWebSocketMessages.ReadAsync(socket, MaxMessageBytes, deadline.Token);
                if (message is null)
                {
                    exchange.Fail("The listener closed the rendezvous connection before it responded.");
                    return;
                }

                if (message.Type != WebSocketMessageType.Text || RelayWebSocketMessages.ParseObject(message.Data)?["response"] is not JsonObject response || ReadAnswer(response) is not { } answer)
                {
                    continue;
                }

                var body = answer.HasBody ? (await RelayWebSocketMessages.ReadAsync(socket, MaxMessageBytes, deadline.Token))?.Data ?? [] : [];
                exchange.Complete(answer.Answer with { Body = body });
                break;
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Normal Closure", deadline.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            exchange.Fail("The rendezvous connection failed before the listener responded.");
        }
    }

    /// <summary>
    /// Delivers a request on the rendezvous socket the listener opened for it, relays the answer, then keeps the socket
    /// for the same sender connection's later requests (see <see cref="RendezvousChannel"/>) until the listener closes
    /// it, it idles past <see cref="RendezvousIdleTimeout"/>, or an answer does not come in time.
    /// </summary>
    private async Task ServeRendezvousAsync(RendezvousChannel channel, RelayExchange first, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        channel.Watch(deadline);
        channel.Assign(first, RequestTimeout);
        RelayedAnswer? awaitingBody = null;
        try
        {
            await channel.SendAsync(socket => SendRequestAsync(socket, first, deadline.Token), deadline.Token);
            while (true)
            {
                var message = await RelayWebSocketMessages.ReadAsync(channel.Socket, MaxMessageBytes, deadline.Token);
                var exchange = channel.Current;
                if (message is null)
                {
                    // The listener closed it (Microsoft's .NET listener does after each answer): answer the close. A
                    // request sent on it after the listener's last answer was never read there; it is sent again.
                    if (exchange == first)
                    {
                        exchange.Fail("The listener closed the rendezvous connection before it responded.");
                    }
                    else
                    {
                        exchange?.Redirect();
                    }

                    await CloseQuietlyAsync(channel.Socket, WebSocketCloseStatus.NormalClosure);
                    return;
                }

                if (message.Type == WebSocketMessageType.Binary)
                {
                    // The body of the answer just announced; any other binary message belongs to nothing.
                    if (awaitingBody is { } announced && exchange is not null)
                    {
                        Answered(channel, exchange, announced with { Body = message.Data });
                    }

                    awaitingBody = null;
                    continue;
                }

                if (exchange is not null && RelayWebSocketMessages.ParseObject(message.Data)?["response"] is JsonObject response
                    && ReadAnswer(response) is { } answer && string.Equals(answer.RequestId, exchange.Id, StringComparison.Ordinal))
                {
                    if (answer.HasBody)
                    {
                        awaitingBody = answer.Answer;
                    }
                    else
                    {
                        Answered(channel, exchange, answer.Answer);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            if (channel.Current is { } unanswered)
            {
                unanswered.Fail("The rendezvous connection failed before the listener responded.");
                channel.Socket.Abort();
            }
            else
            {
                // Idle past its time: the relay closes it.
                await CloseQuietlyAsync(channel.Socket, WebSocketCloseStatus.NormalClosure);
            }
        }
        finally
        {
            keptRendezvous.TryRemove(new KeyValuePair<string, RendezvousChannel>(channel.SenderConnection, channel));
        }
    }

    private void Answered(RendezvousChannel channel, RelayExchange exchange, RelayedAnswer answer)
    {
        exchange.Complete(answer);
        channel.Release(RendezvousIdleTimeout);
        keptRendezvous[channel.SenderConnection] = channel;
    }

    private static async Task SendRequestAsync(WebSocket socket, RelayExchange exchange, CancellationToken cancellationToken)
    {
        await RelayWebSocketMessages.SendJsonAsync(socket, new JsonObject { ["request"] = exchange.Request.DeepClone() }, cancellationToken);
        if (exchange.Body.Length > 0)
        {
            await RelayWebSocketMessages.SendBodyAsync(socket, exchange.Body, cancellationToken);
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, "Normal Closure", bounded.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    private async Task SenderEndpoint(HttpContext http)
    {
        var (token, forwardAuthorization) = SenderToken(http.Request);
        var authorization = Authorize(token, RelayRights.Send);
        if (!authorization.Granted)
        {
            await Refuse(http, authorization.Status, authorization.Error);
            return;
        }

        if (http.Request.ContentLength > MaxRequestBodyBytes)
        {
            await Refuse(http, StatusCodes.Status413PayloadTooLarge, $"RequestEntityTooLarge: The request body exceeds {MaxRequestBodyBytes} bytes.");
            return;
        }

        var body = await ReadBodyAsync(http);
        if (body is null)
        {
            await Refuse(http, StatusCodes.Status413PayloadTooLarge, $"RequestEntityTooLarge: The request body exceeds {MaxRequestBodyBytes} bytes.");
            return;
        }

        // A rendezvous socket kept from this sender connection's earlier request carries its next one.
        var kept = keptRendezvous.TryGetValue(http.Connection.Id, out var candidate) && candidate.TryReserve() ? candidate : null;
        var listener = kept?.Listener ?? PickListener();
        if (listener is null)
        {
            // The protocol page says 502 in its prose ("If there is no active listener, the service will return a 502")
            // and lists 503 in its table; Microsoft's own test emulator (azure-relay-dotnet) answers 502.
            await Refuse(http, StatusCodes.Status502BadGateway, "EndpointNotFound: There are no listeners connected for the endpoint.");
            return;
        }

        var headers = new JsonObject();
        var headerBytes = 0;
        foreach (var header in http.Request.Headers)
        {
            if (ConnectionHeaders.Contains(header.Key) || string.Equals(header.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase)
                || (!forwardAuthorization && string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var value = header.Value.ToString();
            headers[header.Key] = value;
            headerBytes += Encoding.UTF8.GetByteCount(header.Key) + Encoding.UTF8.GetByteCount(value) + 4;
        }

        headers["Via"] = AppendVia(http.Request.Headers.Via.ToString());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            var onRendezvous = headerBytes + body.Length > MaxControlChannelBytes;
            RelayedAnswer answer;
            try
            {
                answer = await DispatchAsync(http, listener, kept, headers, body, onRendezvous, deadline.Token);
            }
            catch (RelayExchangeRedirectedException)
            {
                // The listener closed the kept socket without reading the request (Microsoft's .NET listener closes it
                // after each answer): the request goes to a listener the usual way.
                listener = PickListener() ?? throw new RelayExchangeFailedException("There are no listeners connected for the endpoint.");
                answer = await DispatchAsync(http, listener, null, headers, body, onRendezvous, deadline.Token);
            }

            await WriteAnswerAsync(http, answer);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            await Refuse(http, StatusCodes.Status504GatewayTimeout, "GatewayTimeout: The request was routed to the listener but the listener did not respond in the required time.");
        }
        catch (Exception ex) when (ex is RelayExchangeFailedException or WebSocketException)
        {
            await Refuse(http, StatusCodes.Status502BadGateway, "BadGateway: " + (ex is RelayExchangeFailedException ? ex.Message : "The listener's control channel failed."));
        }
    }

    /// <summary>Sends one request to a listener, over a kept rendezvous socket or its control channel, and waits for the answer.</summary>
    private async Task<RelayedAnswer> DispatchAsync(HttpContext http, ListenerChannel listener, RendezvousChannel? kept, JsonObject headers, byte[] body, bool large, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture) + "_G0";
        var address = RendezvousAddress(http.Request.Path, id);
        var request = new JsonObject
        {
            ["address"] = address,
            ["id"] = id,
            ["requestTarget"] = http.Request.Path.ToUriComponent() + ForwardedQuery(http.Request.QueryString),
            ["method"] = http.Request.Method,
            ["remoteEndpoint"] = new JsonObject
            {
                ["address"] = http.Connection.RemoteIpAddress?.ToString(),
                ["port"] = http.Connection.RemotePort,
            },
            ["requestHeaders"] = headers.DeepClone(),
            ["body"] = body.Length > 0,
        };
        var onRendezvous = kept is not null || large;
        var exchange = new RelayExchange(id, listener, request, body, onRendezvous) { SenderConnection = http.Connection.Id };
        exchanges[id] = exchange;
        try
        {
            if (kept is not null)
            {
                kept.Assign(exchange, RequestTimeout);
                Interlocked.Increment(ref requestsOnKeptRendezvous);
                await kept.SendAsync(socket => SendRequestAsync(socket, exchange, cancellationToken), cancellationToken);
            }
            else
            {
                await listener.SendAsync(
                    async socket =>
                    {
                        // Over 64 KB the service passes only the rendezvous address; the listener fetches the request there.
                        var announced = onRendezvous ? new JsonObject { ["address"] = address } : (JsonObject)request.DeepClone();
                        await RelayWebSocketMessages.SendJsonAsync(socket, new JsonObject { ["request"] = announced }, cancellationToken);
                        if (!onRendezvous && body.Length > 0)
                        {
                            await RelayWebSocketMessages.SendBodyAsync(socket, body, cancellationToken);
                        }
                    },
                    cancellationToken);
            }

            return await exchange.Answer.WaitAsync(cancellationToken);
        }
        finally
        {
            exchanges.TryRemove(id, out _);
            if (kept is not null && !exchange.Answer.IsCompletedSuccessfully)
            {
                // A kept socket whose request went unanswered is in no known state: the relay drops it.
                kept.Socket.Abort();
            }
        }
    }

    private static (string? Token, bool ForwardAuthorization) SenderToken(HttpRequest request)
    {
        // The protocol page's order: sb-hc-token, then ServiceBusAuthorization (both always stripped), then
        // Authorization only when neither is present (and then stripped; otherwise passed on as-is).
        var fromQuery = request.Query["sb-hc-token"].FirstOrDefault();
        var fromHeader = request.Headers[AuthorizationHeader].FirstOrDefault();
        if (!string.IsNullOrEmpty(fromQuery) || !string.IsNullOrEmpty(fromHeader))
        {
            return (string.IsNullOrEmpty(fromQuery) ? fromHeader : fromQuery, true);
        }

        return (request.Headers.Authorization.FirstOrDefault(), false);
    }

    private async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        try
        {
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxRequestBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past the server's own body limit.
            return null;
        }

        return buffer.ToArray();
    }

    private string RendezvousAddress(PathString path, string id)
    {
        var suffix = path.Value is { } value && value.Length > HybridConnectionName.Length + 1 ? value[(HybridConnectionName.Length + 1)..] : string.Empty;
        return $"wss://{tenant!.BaseAddress.Authority}/$hc/{HybridConnectionName}{suffix}?sb-hc-action=request&sb-hc-id={Uri.EscapeDataString(id)}";
    }

    private static string ForwardedQuery(QueryString query)
    {
        if (!query.HasValue)
        {
            return string.Empty;
        }

        var kept = query.Value!.TrimStart('?').Split('&')
            .Where(p => p.Length > 0 && !p.StartsWith("sb-hc-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return kept.Count == 0 ? string.Empty : "?" + string.Join('&', kept);
    }

    private string AppendVia(string existing)
        => string.IsNullOrEmpty(existing) ? "1.1 " + Host : existing + ", 1.1 " + Host;

    private async Task WriteAnswerAsync(HttpContext http, RelayedAnswer answer)
    {
        http.Response.StatusCode = answer.StatusCode;
        if (answer.StatusDescription is { Length: > 0 } reason && reason.All(c => c == '\t' || (c >= ' ' && c != '\u007f' && c <= '\u00ff')))
        {
            http.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason;
        }

        foreach (var (name, value) in answer.Headers)
        {
            if (!ConnectionHeaders.Contains(name) && !string.Equals(name, "Via", StringComparison.OrdinalIgnoreCase)
                && name.Length > 0 && name.All(c => c > ' ' && c < '\u007f' && c != ':') && !value.Any(c => c is '\r' or '\n' or '\0'))
            {
                http.Response.Headers.Append(name, value);
            }
        }

        var via = answer.Headers.Where(h => string.Equals(h.Key, "Via", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
        http.Response.Headers.Via = AppendVia(via ?? string.Empty);
        var bodyAllowed = !HttpMethods.IsHead(http.Request.Method) && answer.StatusCode is not (204 or 304) && answer.StatusCode >= 200;
        if (bodyAllowed && answer.Body.Length > 0)
        {
            http.Response.ContentLength = answer.Body.Length;
            await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
        }
    }

    private ListenerChannel? PickListener()
    {
        var now = Now;
        lock (listeners)
        {
            var live = listeners.Where(l => l.Expiry > now && l.Socket.State == WebSocketState.Open).ToList();

            // The protocol page: with several listeners, the service picks one at random for each request or connection.
            return live.Count == 0 ? null : live[Random.Shared.Next(live.Count)];
        }
    }

    private static async Task Refuse(HttpContext http, int status, string error)
    {
        // The service's errors: the status, the reason in the status description with a tracking id, and the same
        // text in a small body; no Via header (that is how a sender tells the service's answers from the listener's).
        var tracking = "TrackingId:" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        http.Response.StatusCode = status;
        http.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = Truncate(error, 200).Replace('\r', ' ').Replace('\n', ' ') + " " + tracking;
        http.Response.ContentType = "application/xml; charset=utf-8";
        var detail = System.Security.SecurityElement.Escape(error + " " + tracking);
        await http.Response.WriteAsync($"<Error><Code>{status}</Code><Detail>{detail}</Detail></Error>", http.RequestAborted);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static string? Text(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    private static ParsedAnswer? ReadAnswer(JsonObject response)
    {
        // statusCode is a number per the protocol page, though its own example writes a string: both are taken.
        var requestId = response["requestId"] is JsonValue idValue && idValue.TryGetValue<string>(out var rid) ? rid : null;
        var statusText = Text(response["statusCode"]);
        if (string.IsNullOrEmpty(requestId) || !int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 100 or > 999)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (response["responseHeaders"] is JsonObject responseHeaders)
        {
            foreach (var (name, value) in responseHeaders)
            {
                if (value is JsonArray array)
                {
                    headers.AddRange(array.Select(v => new KeyValuePair<string, string>(name, Text(v) ?? string.Empty)));
                }
                else if (value is not null)
                {
                    headers.Add(new(name, Text(value) ?? string.Empty));
                }
            }
        }

        var hasBody = response["body"] is JsonValue bodyValue && bodyValue.TryGetValue<bool>(out var flag) && flag;
        var description = response["statusDescription"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null;
        return new ParsedAnswer(requestId, hasBody, new RelayedAnswer(status, description, headers, []));
    }

    private async Task AcceptEndpointAsync(HttpContext http)
    {
        if (!accepts.TryRemove(http.Request.Query["sb-hc-id"].ToString(), out var pending))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, "Forbidden: The accept URL is not valid or has expired.");
            return;
        }

        var query = http.Request.Query;
        if (query.ContainsKey("sb-hc-statusCode"))
        {
            // A rejection: the handshake ends in 410 as designed, and the sender gets the listener's status.
            var code = int.TryParse(query["sb-hc-statusCode"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 400 and <= 599 ? c : 403;
            pending.Listener.TrySetResult(new AcceptOutcome(null, code, query["sb-hc-statusDescription"].ToString()));
            await Refuse(http, StatusCodes.Status410Gone, "Gone: The connection was rejected.");
            return;
        }

        var socket = await http.WebSockets.AcceptWebSocketAsync();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.Listener.TrySetResult(new AcceptOutcome(socket, 0, null) { Done = done }))
        {
            socket.Abort();
            return;
        }

        await done.Task.WaitAsync(http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        socket.Dispose();
    }

    private async Task ConnectEndpointAsync(HttpContext http)
    {
        var authorization = Authorize(http.Request.Headers[AuthorizationHeader].FirstOrDefault() ?? http.Request.Query["sb-hc-token"].FirstOrDefault(), RelayRights.Send);
        if (!authorization.Granted)
        {
            await Refuse(http, authorization.Status, authorization.Error);
            return;
        }

        var listener = PickListener();
        if (listener is null)
        {
            await Refuse(http, StatusCodes.Status404NotFound, "EndpointNotFound: There are no listeners connected for the endpoint.");
            return;
        }

        var id = http.Request.Query["sb-hc-id"].FirstOrDefault() is { Length: > 0 } given ? given : Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var key = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var pending = new PendingAccept();
        accepts[key] = pending;
        var connectHeaders = new JsonObject();
        foreach (var header in http.Request.Headers.Where(h => !string.Equals(h.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase)))
        {
            connectHeaders[header.Key] = header.Value.ToString();
        }

        var address = $"wss://{tenant!.BaseAddress.Authority}/$hc/{HybridConnectionName}?sb-hc-action=accept&sb-hc-id={key}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(AcceptTimeout);
        try
        {
            var accept = new JsonObject { ["address"] = address, ["id"] = id, ["connectHeaders"] = connectHeaders };
            await listener.SendAsync(s => RelayWebSocketMessages.SendJsonAsync(s, new JsonObject { ["accept"] = accept }, deadline.Token), deadline.Token);
            var outcome = await pending.Listener.Task.WaitAsync(deadline.Token);
            if (outcome.Socket is null)
            {
                await Refuse(http, outcome.Status, "Rejected: " + (outcome.Description ?? "The listener rejected the connection."));
                return;
            }

            using var sender = await http.WebSockets.AcceptWebSocketAsync();
            await Task.WhenAll(PumpAsync(sender, outcome.Socket, http.RequestAborted), PumpAsync(outcome.Socket, sender, http.RequestAborted));
            outcome.Done?.TrySetResult();
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            await Refuse(http, StatusCodes.Status504GatewayTimeout, "GatewayTimeout: The listener did not accept the connection in the required time.");
        }
        catch (WebSocketException)
        {
            await Refuse(http, StatusCodes.Status502BadGateway, "BadGateway: The listener's control channel failed.");
        }
        finally
        {
            accepts.TryRemove(key, out _);
        }
    }

    private static async Task PumpAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var received = await from.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            to.Abort();
        }
    }

    private sealed record ParsedAnswer(string RequestId, bool HasBody, RelayedAnswer Answer);

    private sealed record AcceptOutcome(WebSocket? Socket, int Status, string? Description)
    {
        public TaskCompletionSource? Done { get; init; }
    }

    private sealed class PendingAccept
    {
        public TaskCompletionSource<AcceptOutcome> Listener { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
