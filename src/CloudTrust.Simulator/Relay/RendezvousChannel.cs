using System.Net.WebSockets;

namespace CloudTrust.Simulator.Relay;

/// <summary>
/// A rendezvous WebSocket on which the relay delivered a request, kept after the answer for the same sender
/// connection's later requests. Microsoft's Node listener (hyco-https 1.4.5, <c>requestChannelListener</c> in
/// lib/HybridConnectionHttpsServer.js) reads any number of <c>request</c> messages from such a socket and answers each
/// on it, so the service may send them there; Microsoft's .NET listener (azure-relay-dotnet HybridHttpConnection) closes
/// it after one response, after which the sender's later requests go back to the control channel. One request at a
/// time: HTTP/1.1 sends a connection's requests one after another.
/// </summary>
/// <param name="socket">The rendezvous WebSocket the listener opened.</param>
/// <param name="listener">The control channel of the listener that opened it.</param>
/// <param name="senderConnection">The sender's connection the socket serves.</param>
internal sealed class RendezvousChannel(WebSocket socket, ListenerChannel listener, string senderConnection) : RelaySocket(socket)
{
    private RelayExchange? current;
    private int reserved;
    private CancellationTokenSource? deadline;

    /// <summary>Gets the listener's control channel.</summary>
    public ListenerChannel Listener { get; } = listener;

    /// <summary>Gets the sender connection this socket serves.</summary>
    public string SenderConnection { get; } = senderConnection;

    /// <summary>Gets the exchange the socket carries now, if any.</summary>
    public RelayExchange? Current => Volatile.Read(ref current);

    /// <summary>Takes the idle socket for the sender's next request; false when it is busy or no longer open.</summary>
    /// <returns>True when the caller may <see cref="Assign"/> an exchange to it.</returns>
    public bool TryReserve() => Socket.State == WebSocketState.Open && Interlocked.CompareExchange(ref reserved, 1, 0) == 0;

    /// <summary>Gives the reserved socket its exchange and the time it may take.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="timeout">How long the listener has to answer.</param>
    public void Assign(RelayExchange exchange, TimeSpan timeout)
    {
        Volatile.Write(ref current, exchange);
        Arm(timeout);
    }

    /// <summary>Frees the socket after its exchange was answered, and gives it the idle time it may stay open.</summary>
    /// <param name="idleTimeout">How long it stays open without a request.</param>
    public void Release(TimeSpan idleTimeout)
    {
        Volatile.Write(ref current, null);
        Arm(idleTimeout);
        Volatile.Write(ref reserved, 0);
    }

    /// <summary>Sets the source whose cancellation ends the socket's read loop (an answer or idle deadline).</summary>
    /// <param name="source">The source.</param>
    public void Watch(CancellationTokenSource source) => deadline = source;

    private void Arm(TimeSpan timeout)
    {
        try
        {
            deadline?.CancelAfter(timeout);
        }
        catch (ObjectDisposedException)
        {
            // The read loop ended; nothing to arm.
        }
    }
}
