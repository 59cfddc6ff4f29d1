using System.Net.WebSockets;

namespace CloudTrust.Simulator.Relay;

/// <summary>A listener's control channel held by the simulated relay.</summary>
/// <param name="socket">The accepted WebSocket.</param>
/// <param name="expiry">When the listener's current token expires.</param>
internal sealed class ListenerChannel(WebSocket socket, DateTimeOffset expiry)
{
    private long expiryTicks = expiry.UtcTicks;

    /// <summary>Gets the WebSocket.</summary>
    public WebSocket Socket { get; } = socket;

    /// <summary>Gets the lock that keeps a control message and its body frames together on the wire.</summary>
    public SemaphoreSlim SendLock { get; } = new(1, 1);

    /// <summary>Gets or sets when the listener's token expires (replaced by a renewal).</summary>
    public DateTimeOffset Expiry
    {
        get => new(Interlocked.Read(ref expiryTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref expiryTicks, value.UtcTicks);
    }

    /// <summary>Sends under the channel's lock.</summary>
    /// <param name="send">What to send.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>A task that completes when sent.</returns>
    public async Task SendAsync(Func<WebSocket, Task> send, CancellationToken cancellationToken)
    {
        await SendLock.WaitAsync(cancellationToken);
        try
        {
            await send(Socket);
        }
        finally
        {
            SendLock.Release();
        }
    }
}
