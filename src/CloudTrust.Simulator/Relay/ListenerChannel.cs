using System.Net.WebSockets;

namespace CloudTrust.Simulator.Relay;

/// <summary>A listener's control channel held by the simulated relay.</summary>
/// <param name="socket">The accepted WebSocket.</param>
/// <param name="expiry">When the listener's current token expires.</param>
internal sealed class ListenerChannel(WebSocket socket, DateTimeOffset expiry) : RelaySocket(socket)
{
    private long expiryTicks = expiry.UtcTicks;

    /// <summary>Gets or sets when the listener's token expires (replaced by a renewal).</summary>
    public DateTimeOffset Expiry
    {
        get => new(Interlocked.Read(ref expiryTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref expiryTicks, value.UtcTicks);
    }
}
