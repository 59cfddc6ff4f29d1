using System.Net.WebSockets;

namespace CloudTrust.Simulator.Relay;

/// <summary>A WebSocket the relay holds with a listener, whose sends are serialised so a message and its body frames stay together.</summary>
/// <param name="socket">The accepted WebSocket.</param>
internal abstract class RelaySocket(WebSocket socket)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);

    /// <summary>Gets the WebSocket.</summary>
    public WebSocket Socket { get; } = socket;

    /// <summary>Sends under the socket's lock.</summary>
    /// <param name="send">What to send.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>A task that completes when sent.</returns>
    public async Task SendAsync(Func<WebSocket, Task> send, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await send(Socket);
        }
        finally
        {
            sendLock.Release();
        }
    }
}
