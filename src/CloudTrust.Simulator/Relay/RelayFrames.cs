using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CloudTrust.Core.Relay;

namespace CloudTrust.Simulator.Relay;

/// <summary>Reads and writes whole WebSocket messages of the Hybrid Connections protocol.</summary>
internal static class RelayFrames
{
    public const int MaxMessageBytes = 8 * 1024 * 1024;

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

    public static Task SendJsonAsync(WebSocket socket, HybridConnectionMessage message, CancellationToken cancellationToken)
        => socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, HybridConnectionMessage.Json), WebSocketMessageType.Text, true, cancellationToken);

    public static Task SendBinaryAsync(WebSocket socket, byte[] body, CancellationToken cancellationToken)
        => socket.SendAsync(body, WebSocketMessageType.Binary, true, cancellationToken);

    public static HybridConnectionMessage? Parse(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize<HybridConnectionMessage>(Encoding.UTF8.GetString(data), HybridConnectionMessage.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
