using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CloudTrust.Core.Relay;

/// <summary>Reads and writes whole WebSocket messages of the Hybrid Connections protocol.</summary>
public static class RelayFrames
{
    /// <summary>The largest WebSocket message either side accepts.</summary>
    public const int MaxMessageBytes = 8 * 1024 * 1024;

    /// <summary>Reads one whole message; null when the peer closed the socket.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message type and bytes, or null.</returns>
    public static async Task<(WebSocketMessageType Type, byte[] Data)?> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var data = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            data.Write(buffer, 0, received.Count);
            if (data.Length > MaxMessageBytes)
            {
                throw new InvalidDataException("relay message too large");
            }

            if (received.EndOfMessage)
            {
                return (received.MessageType, data.ToArray());
            }
        }
    }

    /// <summary>Sends a control message as one text frame.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when sent.</returns>
    public static Task SendJsonAsync(WebSocket socket, HybridConnectionMessage message, CancellationToken cancellationToken)
        => socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, HybridConnectionMessage.Json), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Sends a body as one binary frame.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="body">The bytes.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when sent.</returns>
    public static Task SendBinaryAsync(WebSocket socket, byte[] body, CancellationToken cancellationToken)
        => socket.SendAsync(body, WebSocketMessageType.Binary, true, cancellationToken);

    /// <summary>Parses a control message; null when it is not one (malformed, or missing the request or response id).</summary>
    /// <param name="data">The text frame's bytes.</param>
    /// <returns>The message, or null.</returns>
    public static HybridConnectionMessage? Parse(byte[] data)
    {
        try
        {
            var message = JsonSerializer.Deserialize<HybridConnectionMessage>(Encoding.UTF8.GetString(data), HybridConnectionMessage.Json);

            // A frame without the ids the protocol requires is not a control message: ignored, never half-served. A
            // request over 64 KB is announced with its rendezvous address only (the protocol page: "the remainder of
            // this message is left empty"), so it needs the address and no id.
            return message switch
            {
                { Request: { } request } when string.IsNullOrEmpty(request.Id) && (request.Method is not null || string.IsNullOrEmpty(request.Address)) => null,
                { Response: { } response } when string.IsNullOrEmpty(response.RequestId) => null,
                _ => message,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
