using System.Collections.Concurrent;
using System.Net.WebSockets;
using CloudTrust.Core.Relay;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Relay;

/// <summary>
/// One Azure Relay Hybrid Connection with HTTP enabled, speaking the Hybrid Connections protocol
/// (https://learn.microsoft.com/azure/azure-relay/relay-hybrid-connections-protocol): listeners hold a control-channel
/// WebSocket at <c>/$hc/{name}?sb-hc-action=listen</c> (SAS with the Listen right); senders make HTTPS requests to
/// <c>/{name}/…</c> (SAS with the Send right in <c>ServiceBusAuthorization</c>), which are passed to a listener as
/// <c>request</c> messages, bodies over 64 KB through a one-time rendezvous WebSocket (the control message then
/// carries only the address and id). As the protocol page says, headers defined by RFC 7230 are not forwarded, answers
/// from the listener carry a <c>Via</c> header, 503 means no listener could take the request and 504 that the listener
/// did not answer in time; a control channel that drops before the response gives 502.
/// </summary>
public sealed class SimulatedRelay : ISimulatedService
{
    /// <summary>The header senders put their SAS token in.</summary>
    public const string AuthorizationHeader = "ServiceBusAuthorization";

    private static readonly HashSet<string> ConnectionHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        AuthorizationHeader, "Authorization", "Connection", "Content-Length", "Host", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Close", "Keep-Alive",
    };

    private readonly Dictionary<string, SharedAccessRule> rules;
    private readonly List<ListenerConnection> listeners = [];
    private readonly ConcurrentDictionary<string, PendingRequest> pending = new(StringComparer.Ordinal);
    private SimulatedTenantServer? tenant;
    private long nextRequestId;
    private int nextListener;
    private int dropNextResponse;
    private int listenersAccepted;
    private int rendezvousUsed;
    private int tokenRenewals;

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

    /// <summary>Gets how long a sender's request waits for the listener's response.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

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

    /// <summary>Gets how many listener token renewals were accepted so far.</summary>
    public int TokenRenewals => Volatile.Read(ref tokenRenewals);

    /// <summary>Gets how many rendezvous sockets were used so far.</summary>
    public int RendezvousUsed => Volatile.Read(ref rendezvousUsed);

    /// <summary>
    /// Fault injection: the next response a listener sends on its control channel is not delivered; instead the
    /// channel is dropped, as when the network fails after the listener did the work.
    /// </summary>
    public void DropControlChannelOnNextResponse() => Interlocked.Exchange(ref dropNextResponse, 1);

    /// <summary>Drops every listener's control channel.</summary>
    public void DropListeners()
    {
        List<ListenerConnection> current;
        lock (listeners)
        {
            current = [.. listeners];
        }

        foreach (var listener in current)
        {
            listener.Socket.Abort();
        }
    }

    /// <summary>Gets the resource URI tokens for this hybrid connection are signed over.</summary>
    /// <param name="baseAddress">The relay namespace's address.</param>
    /// <returns>The resource URI.</returns>
    public string ResourceFor(Uri baseAddress) => new Uri(baseAddress, HybridConnectionName).ToString();

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes, SimulatedTenantServer tenant)
    {
        ArgumentNullException.ThrowIfNull(routes);
        this.tenant = tenant ?? throw new ArgumentNullException(nameof(tenant));
        routes.Map("/$hc/" + HybridConnectionName, ListenerEndpoint);
        routes.Map("/" + HybridConnectionName + "/{**rest}", SenderEndpoint);
    }

    private DateTimeOffset Now => tenant!.Time.GetUtcNow();

    private bool Authorize(string? token, RelayRights right, out DateTimeOffset expiry)
    {
        expiry = default;
        if (!SharedAccessSignature.TryParse(token, out var sas) || sas is null
            || !rules.TryGetValue(sas.KeyName, out var rule) || !rule.Rights.HasFlag(right)
            || !sas.IsValid(rule.Key, ResourceFor(tenant!.BaseAddress), Now))
        {
            return false;
        }

        expiry = sas.Expiry;
        return true;
    }

    private async Task ListenerEndpoint(HttpContext http)
    {
        var token = http.Request.Headers[AuthorizationHeader].FirstOrDefault() ?? http.Request.Query["sb-hc-token"].FirstOrDefault();
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!Authorize(token, RelayRights.Listen, out var expiry))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        switch (http.Request.Query["sb-hc-action"].ToString())
        {
            case "listen":
                using (var socket = await http.WebSockets.AcceptWebSocketAsync())
                {
                    await RunControlChannel(new ListenerConnection(socket, expiry), http.RequestAborted);
                }

                break;
            case "request" when pending.TryGetValue(http.Request.Query["sb-hc-id"].ToString(), out var request) && request.ClaimRendezvous():
                using (var socket = await http.WebSockets.AcceptWebSocketAsync())
                {
                    Interlocked.Increment(ref rendezvousUsed);
                    await RunRendezvous(request, socket, http.RequestAborted);
                }

                break;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private async Task RunControlChannel(ListenerConnection listener, CancellationToken cancellationToken)
    {
        lock (listeners)
        {
            listeners.Add(listener);
        }

        Interlocked.Increment(ref listenersAccepted);
        try
        {
            while (listener.Socket.State == WebSocketState.Open)
            {
                var frame = await RelayFrames.ReadAsync(listener.Socket, cancellationToken);
                if (frame is null || frame.Value.Type != WebSocketMessageType.Text)
                {
                    break;
                }

                var message = RelayFrames.Parse(frame.Value.Data);
                if (message?.RenewToken is { } renew)
                {
                    if (!Authorize(renew.Token, RelayRights.Listen, out var expiry))
                    {
                        await listener.Socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "token renewal refused", cancellationToken);
                        break;
                    }

                    listener.Expiry = expiry;
                    Interlocked.Increment(ref tokenRenewals);
                }
                else if (message?.Response is { } response)
                {
                    var body = response.Body ? (await RelayFrames.ReadAsync(listener.Socket, cancellationToken))?.Data ?? [] : [];
                    if (Interlocked.Exchange(ref dropNextResponse, 0) == 1)
                    {
                        listener.Socket.Abort();
                        break;
                    }

                    if (pending.TryGetValue(response.RequestId, out var request))
                    {
                        request.Complete(response, body);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            // The channel dropped; its requests fail below.
        }
        finally
        {
            lock (listeners)
            {
                listeners.Remove(listener);
            }

            foreach (var request in pending.Values.Where(p => p.Listener == listener))
            {
                request.Fail("the listener's control channel closed before it answered");
            }
        }
    }

    private static async Task RunRendezvous(PendingRequest request, WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            if (request.LargeRequest is { } large)
            {
                await RelayFrames.SendJsonAsync(socket, new HybridConnectionMessage { Request = large }, cancellationToken);
                await RelayFrames.SendBinaryAsync(socket, request.Body, cancellationToken);
            }

            var frame = await RelayFrames.ReadAsync(socket, cancellationToken);
            if (frame is { Type: WebSocketMessageType.Text } && RelayFrames.Parse(frame.Value.Data)?.Response is { } response)
            {
                var body = response.Body ? (await RelayFrames.ReadAsync(socket, cancellationToken))?.Data ?? [] : [];
                request.Complete(response, body);
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            request.Fail("the rendezvous socket closed before the listener answered");
        }
    }

    private ListenerConnection? PickListener()
    {
        List<ListenerConnection> expired;
        ListenerConnection? picked;
        lock (listeners)
        {
            expired = listeners.Where(l => l.Expiry <= Now && l.Socket.State == WebSocketState.Open).ToList();
            var live = listeners.Where(l => l.Expiry > Now && l.Socket.State == WebSocketState.Open).ToList();
            picked = live.Count == 0 ? null : live[(int)((uint)Interlocked.Increment(ref nextListener) % live.Count)];
        }

        // As the service does, a listener whose token expired without renewal is disconnected with 1008.
        foreach (var listener in expired)
        {
            _ = CloseExpiredAsync(listener);
        }

        return picked;
    }

    private static async Task CloseExpiredAsync(ListenerConnection listener)
    {
        try
        {
            await listener.SendLock.WaitAsync();
            try
            {
                await listener.Socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "the security token has expired", CancellationToken.None);
            }
            finally
            {
                listener.SendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            listener.Socket.Abort();
        }
    }

    private async Task SenderEndpoint(HttpContext http, string? rest)
    {
        if (!Authorize(http.Request.Headers[AuthorizationHeader].FirstOrDefault(), RelayRights.Send, out _))
        {
            await Error(http, StatusCodes.Status401Unauthorized, "the ServiceBusAuthorization token is missing, invalid, expired or lacks the Send right");
            return;
        }

        var listener = PickListener();
        if (listener is null)
        {
            await Error(http, StatusCodes.Status503ServiceUnavailable, "the request could not be routed to any listener");
            return;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var id = Interlocked.Increment(ref nextRequestId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var host = tenant!.BaseAddress;
        var address = $"wss://{host.Authority}/$hc/{HybridConnectionName}?sb-hc-action=request&sb-hc-id={id}";
        var headers = http.Request.Headers
            .Where(h => !ConnectionHeaders.Contains(h.Key))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var full = new RelayedRequest(address, id, "/" + rest + http.Request.QueryString, http.Request.Method, headers, body.Length > 0);
        var large = body.Length > RelayedRequest.MaxControlChannelBody;
        var request = new PendingRequest(listener, large ? full : null, body);
        pending[id] = request;
        try
        {
            await listener.SendLock.WaitAsync(http.RequestAborted);
            try
            {
                if (large)
                {
                    await RelayFrames.SendJsonAsync(listener.Socket, new HybridConnectionMessage { Request = new RelayedRequest(address, id, null, null, null, false) }, http.RequestAborted);
                }
                else
                {
                    await RelayFrames.SendJsonAsync(listener.Socket, new HybridConnectionMessage { Request = full }, http.RequestAborted);
                    if (body.Length > 0)
                    {
                        await RelayFrames.SendBinaryAsync(listener.Socket, body, http.RequestAborted);
                    }
                }
            }
            finally
            {
                listener.SendLock.Release();
            }

            var (response, responseBody) = await request.Result.WaitAsync(RequestTimeout, tenant.Time, http.RequestAborted);
            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.ResponseHeaders ?? new Dictionary<string, string>())
            {
                if (!ConnectionHeaders.Contains(name))
                {
                    http.Response.Headers[name] = value;
                }
            }

            http.Response.Headers.Via = "1.1 " + host.Authority;

            await http.Response.Body.WriteAsync(responseBody, http.RequestAborted);
        }
        catch (TimeoutException)
        {
            await Error(http, StatusCodes.Status504GatewayTimeout, "the listener did not answer in time");
        }
        catch (RelayForwardingException ex)
        {
            await Error(http, StatusCodes.Status502BadGateway, ex.Message);
        }
        catch (WebSocketException)
        {
            await Error(http, StatusCodes.Status502BadGateway, "the listener's control channel failed");
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    private static Task Error(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = new { code = status, message } }, SimulatorJson.Options);
    }

    private sealed class ListenerConnection(WebSocket socket, DateTimeOffset expiry)
    {
        public WebSocket Socket { get; } = socket;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public DateTimeOffset Expiry { get; set; } = expiry;
    }

    private sealed class PendingRequest(ListenerConnection listener, RelayedRequest? largeRequest, byte[] body)
    {
        private readonly TaskCompletionSource<(RelayedResponse, byte[])> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int rendezvousClaimed;

        public ListenerConnection Listener { get; } = listener;

        public RelayedRequest? LargeRequest { get; } = largeRequest;

        public byte[] Body { get; } = body;

        public Task<(RelayedResponse Response, byte[] Body)> Result => result.Task;

        public bool ClaimRendezvous() => Interlocked.Exchange(ref rendezvousClaimed, 1) == 0;

        public void Complete(RelayedResponse response, byte[] responseBody) => result.TrySetResult((response, responseBody));

        public void Fail(string message) => result.TrySetException(new RelayForwardingException(message));
    }

    private sealed class RelayForwardingException(string message) : Exception(message);
}
