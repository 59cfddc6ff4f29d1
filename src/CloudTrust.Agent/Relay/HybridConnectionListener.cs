using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography;

using CloudTrust.Core.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent.Relay;

/// <summary>
/// The agent's side of an Azure Relay hybrid connection, on <see cref="ClientWebSocket"/> (the official
/// Microsoft.Azure.Relay package is not in the feed here). It holds the control channel
/// (<c>wss://{ns}/$hc/{name}?sb-hc-action=listen</c>, SAS with the Listen right in <c>ServiceBusAuthorization</c>),
/// receives <c>request</c> messages (body as the following binary frame, or over the rendezvous socket when large),
/// answers with <c>response</c> messages (over rendezvous when the body exceeds 64 KB), renews its token before it
/// expires and reconnects with exponential backoff when the channel drops.
/// Protocol: https://learn.microsoft.com/azure/azure-relay/relay-hybrid-connections-protocol.
/// </summary>
internal sealed partial class HybridConnectionListener : IAsyncDisposable
{
    private readonly RelayListenerOptions options;
    private readonly Func<CancellationToken, Task<string>> listenKey;
    private readonly IRelayRequestHandler handler;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, byte> inFlight = new();
    private readonly string connectionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;
    private int connections;

    public HybridConnectionListener(RelayListenerOptions options, Func<CancellationToken, Task<string>> listenKey, IRelayRequestHandler handler, TimeProvider time, ILogger<HybridConnectionListener> logger)
    {
        this.options = options;
        this.listenKey = listenKey;
        this.handler = handler;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Gets how many times the control channel was opened (a reconnect adds one).</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Starts listening in the background.</summary>
    public Task StartAsync()
    {
        loop ??= Task.Run(() => RunAsync(stopping.Token));
        return Task.CompletedTask;
    }

    /// <summary>Waits until the control channel has been opened at least <paramref name="count"/> times and is open.</summary>
    public async Task WaitForConnectionAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = Volatile.Read(ref connected);
            await current.Task.WaitAsync(cancellationToken);
            if (Connections >= count && ReferenceEquals(current, Volatile.Read(ref connected)))
            {
                return;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Stops listening and waits for requests in flight.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await Task.WhenAll(inFlight.Keys).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var opened = false;
            try
            {
                opened = await RunSessionAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: whatever the closing socket threw is expected.
                return;
            }
            catch (Exception ex)
            {
                // A service must keep trying whatever failed (relay down, vault down, bad frame): log and back off.
                LogChannelFailed(ex.GetType().Name, ex.Message);
            }

            failures = opened ? 1 : failures + 1;
            var delay = ReconnectDelay(failures);
            LogReconnecting(delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan ReconnectDelay(int failures)
    {
        var ticks = options.MinReconnectDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(ticks, options.MaxReconnectDelay.Ticks);
        var jitter = 0.8 + (RandomNumberGenerator.GetInt32(0, 400) / 1000.0);
        return TimeSpan.FromTicks((long)(capped * jitter));
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
        => SharedAccessSignature.Create(options.Resource, options.ListenRuleName, await listenKey(cancellationToken), time.GetUtcNow() + options.TokenLifetime);

    private async Task<ClientWebSocket> ConnectAsync(Uri address, CancellationToken cancellationToken, bool withToken = true)
    {
        var socket = new ClientWebSocket();
        try
        {
            // The control channel carries the Listen token; rendezvous and accept addresses are one-time capabilities
            // the service handed out, used without a token as Microsoft's listeners use them.
            if (withToken)
            {
                socket.Options.SetRequestHeader("ServiceBusAuthorization", await TokenAsync(cancellationToken));
            }

            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            if (options.PinnedCertificate is { } pinned)
            {
                var thumbprint = pinned.GetCertHashString(HashAlgorithmName.SHA256);
                socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint);
            }

            await socket.ConnectAsync(address, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs one control channel until it drops; returns whether it opened.</summary>
    private async Task<bool> RunSessionAsync(CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(options.ControlChannelAddress(connectionId), cancellationToken);

        // Not linked to the stop token: cancelling a pending receive aborts a WebSocket, and a stopping listener
        // closes its channel with a close handshake instead (the protocol page: "any clean shutdown is client
        // controlled"); the session is cancelled a second later if the relay does not answer the close.
        using var session = new CancellationTokenSource();
        using var sendLock = new SemaphoreSlim(1, 1);
        using var closeOnStop = cancellationToken.Register(() => _ = CloseOnStopAsync(socket, sendLock, session));
        Interlocked.Increment(ref connections);
        LogConnected(Connections);
        var signal = Volatile.Read(ref connected);
        var renewal = options.RenewTokens ? RenewTokensAsync(socket, sendLock, session.Token) : Task.CompletedTask;
        try
        {
            signal.TrySetResult();
            while (socket.State == WebSocketState.Open)
            {
                var frame = await RelayFrames.ReadAsync(socket, session.Token);
                if (frame is null)
                {
                    break;
                }

                // Binary frames outside a request, malformed text and control messages the agent does not use are
                // ignored; an offered WebSocket connection (accept) is turned down so its sender is not left waiting.
                var message = frame.Value.Type == WebSocketMessageType.Text ? RelayFrames.Parse(frame.Value.Data) : null;
                if (message?.Accept is { Address: { Length: > 0 } acceptAddress })
                {
                    Track(RejectConnectionAsync(acceptAddress, cancellationToken));
                    continue;
                }

                if (message?.Request is not { } request)
                {
                    continue;
                }

                var body = request is { IsOnRendezvous: false, Body: true } ? (await RelayFrames.ReadAsync(socket, session.Token))?.Data ?? [] : [];
                Track(ServeAsync(request, body, socket, sendLock, cancellationToken));
            }
        }
        finally
        {
            Interlocked.Exchange(ref connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await session.CancelAsync();
            await renewal.ContinueWith(_ => { }, TaskScheduler.Default);
            LogDisconnected();
        }

        return true;
    }

    private static async Task CloseOnStopAsync(ClientWebSocket socket, SemaphoreSlim sendLock, CancellationTokenSource session)
    {
        try
        {
            session.CancelAfter(TimeSpan.FromSeconds(1));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await sendLock.WaitAsync(timeout.Token);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "listener stopping", timeout.Token);
            }
            finally
            {
                sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The channel is already gone or closing; the session's own cancellation ends it.
        }
    }

    private void Track(Task task)
    {
        inFlight[task] = 0;
        _ = task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RenewTokensAsync(ClientWebSocket socket, SemaphoreSlim sendLock, CancellationToken cancellationToken)
    {
        var interval = options.TokenLifetime - options.RenewBeforeExpiry;
        if (interval <= TimeSpan.Zero)
        {
            interval = TimeSpan.FromTicks(options.TokenLifetime.Ticks / 2);
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, cancellationToken);
                var token = await TokenAsync(cancellationToken);
                await sendLock.WaitAsync(cancellationToken);
                try
                {
                    await RelayFrames.SendJsonAsync(socket, new HybridConnectionMessage { RenewToken = new RenewToken(token) }, cancellationToken);
                }
                finally
                {
                    sendLock.Release();
                }

                LogTokenRenewed();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session ended.
        }
    }

    private async Task ServeAsync(RelayedRequest request, byte[] body, ClientWebSocket control, SemaphoreSlim sendLock, CancellationToken cancellationToken)
    {
        ClientWebSocket? rendezvous = null;
        try
        {
            if (request.IsOnRendezvous)
            {
                rendezvous = await ConnectAsync(new Uri(request.Address!), cancellationToken, withToken: false);
                var frame = await RelayFrames.ReadAsync(rendezvous, cancellationToken);
                request = (frame is { Type: WebSocketMessageType.Text } ? RelayFrames.Parse(frame.Value.Data)?.Request : null)
                    ?? throw new InvalidDataException("the rendezvous socket did not carry a request");
                body = request.Body ? (await RelayFrames.ReadAsync(rendezvous, cancellationToken))?.Data ?? [] : [];
            }

            RelayHttpResponse answer;
            try
            {
                answer = await handler.HandleAsync(
                    new RelayHttpRequest(request.Id, request.Method ?? "GET", RelativeTarget(request.RequestTarget), request.RequestHeaders ?? new Dictionary<string, string>(), body),
                    cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never leave the sender waiting for the relay's timeout: answer 503 (retryable) without details.
                LogHandlerFailed(request.Id, ex.GetType().Name);
                answer = new RelayHttpResponse(503, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                    Core.Kerberos.KerberosOperationResult.Failure(null, Core.Kerberos.KerberosErrorCodes.BackendFailed, "the agent could not serve the request now (" + ex.GetType().Name + ")"),
                    Core.Kerberos.KerberosJson.Options));
            }
            var response = new HybridConnectionMessage
            {
                Response = new RelayedResponse(request.Id, answer.StatusCode, ReasonPhrase(answer.StatusCode), new Dictionary<string, string> { ["Content-Type"] = "application/json" }, answer.Body.Length > 0),
            };

            if (rendezvous is null && answer.Body.Length > RelayedRequest.MaxControlChannelBody && request.Address is not null)
            {
                rendezvous = await ConnectAsync(new Uri(request.Address), cancellationToken, withToken: false);
            }

            if (rendezvous is not null)
            {
                await SendResponseAsync(rendezvous, response, answer.Body, cancellationToken);
                await rendezvous.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
                return;
            }

            await sendLock.WaitAsync(cancellationToken);
            try
            {
                await SendResponseAsync(control, response, answer.Body, cancellationToken);
            }
            finally
            {
                sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidDataException or OperationCanceledException or ObjectDisposedException or HttpRequestException or UriFormatException or ArgumentException)
        {
            // Includes a rendezvous address that is no usable wss:// URI: the request is dropped, the channel stays.
            LogResponseNotDelivered(request.Id ?? "(rendezvous)", ex.GetType().Name);
        }
        finally
        {
            rendezvous?.Dispose();
        }
    }

    /// <summary>
    /// The request target relative to the hybrid connection: the service passes the whole path, hybrid connection
    /// name included (<c>/{name}/kerberos/v1</c>), as azure-relay-dotnet's listener reads it
    /// (<c>new Uri(listener.Address, requestTarget)</c>); a target without the name is taken as it is.
    /// </summary>
    private string RelativeTarget(string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return "/";
        }

        var prefix = "/" + options.HybridConnectionName.Trim('/');
        if (target.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (target.Length == prefix.Length || target[prefix.Length] is '/' or '?'))
        {
            var rest = target[prefix.Length..];
            return rest.Length == 0 || rest[0] == '?' ? "/" + rest : rest;
        }

        return target;
    }

    /// <summary>Turns down a WebSocket connection the service offered: the agent serves HTTP requests only.</summary>
    private async Task RejectConnectionAsync(string address, CancellationToken cancellationToken)
    {
        var separator = address.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var reject = new Uri(address + separator + "sb-hc-statusCode=501&sb-hc-statusDescription=" + Uri.EscapeDataString("The agent serves HTTP requests only"));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var socket = await ConnectAsync(reject, timeout.Token, withToken: false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException or UriFormatException)
        {
            // The rejection handshake ends in an HTTP error (410) by design.
        }

        LogConnectionRejected();
    }

    private static async Task SendResponseAsync(WebSocket socket, HybridConnectionMessage response, byte[] body, CancellationToken cancellationToken)
    {
        await RelayFrames.SendJsonAsync(socket, response, cancellationToken);
        if (body.Length > 0)
        {
            await RelayFrames.SendBinaryAsync(socket, body, cancellationToken);
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        503 => "Service Unavailable",
        _ => "Status " + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "relay control channel open (connection {Count})")]
    private partial void LogConnected(int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "relay control channel closed")]
    private partial void LogDisconnected();

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "relay control channel failed: {ErrorType} {Error}")]
    private partial void LogChannelFailed(string errorType, string error);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "reconnecting to the relay in {DelayMs:0} ms")]
    private partial void LogReconnecting(double delayMs);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "relay token renewed")]
    private partial void LogTokenRenewed();

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "relay request {RequestId} failed in the agent: {ErrorType}")]
    private partial void LogHandlerFailed(string requestId, string errorType);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "relay offered a WebSocket connection; turned down (the agent serves HTTP requests only)")]
    private partial void LogConnectionRejected();

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "response to relay request {RequestId} not delivered: {ErrorType}")]
    private partial void LogResponseNotDelivered(string requestId, string errorType);
}
