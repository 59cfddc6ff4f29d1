using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Relay;

/// <summary>One whole WebSocket message as the simulated relay received it (fragments joined).</summary>
/// <param name="Type">Text or binary.</param>
/// <param name="Data">The payload.</param>
internal sealed record RelayWebSocketMessage(WebSocketMessageType Type, byte[] Data);

/// <summary>
/// How the simulated relay reads and writes WebSocket messages: control messages are JSON in one text message, bodies
/// are one binary message that may arrive in any number of fragments (the protocol page: "the request ends when a
/// binary frame with the FIN flag set has been received"), and the relay sends large bodies in 64 KB fragments as
/// the service does. The emulator's own code, independent of the sender's and the agent's.
/// </summary>
internal static class RelayWebSocketMessages
{
    /// <summary>The fragment size the relay sends bodies in.</summary>
    public const int FragmentBytes = 64 * 1024;

    /// <summary>Reads one whole message; null when the peer closed the socket.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="maxBytes">The largest message accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or null on close.</returns>
    /// <exception cref="InvalidDataException">The message is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<RelayWebSocketMessage?> ReadAsync(WebSocket socket, int maxBytes, CancellationToken cancellationToken)
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

            if (data.Length + received.Count > maxBytes)
            {
                throw new InvalidDataException($"a WebSocket message exceeds {maxBytes} bytes");
            }

            data.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return new RelayWebSocketMessage(received.MessageType, data.ToArray());
            }
        }
    }

    /// <summary>Sends a control message as one text message.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="message">The JSON object.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when sent.</returns>
    public static Task SendJsonAsync(WebSocket socket, JsonObject message, CancellationToken cancellationToken)
        => socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Sends a body as one binary message in <see cref="FragmentBytes"/> fragments.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="body">The bytes.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when sent.</returns>
    public static async Task SendBodyAsync(WebSocket socket, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var offset = 0;
        do
        {
            var length = Math.Min(FragmentBytes, body.Length - offset);
            await socket.SendAsync(body.Slice(offset, length), WebSocketMessageType.Binary, offset + length >= body.Length, cancellationToken);
            offset += length;
        }
        while (offset < body.Length);
    }

    /// <summary>Parses a text message as a JSON object; null when it is not one.</summary>
    /// <param name="data">The text message's bytes.</param>
    /// <returns>The object, or null.</returns>
    public static JsonObject? ParseObject(byte[] data)
    {
        try
        {
            return JsonNode.Parse(data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
