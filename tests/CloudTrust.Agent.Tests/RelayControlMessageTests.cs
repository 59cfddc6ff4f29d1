using System.Net;
using System.Net.WebSockets;
using System.Text;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Relay;
using CsCheck;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The agent's listener takes every control message the service may send, including ones it does not use (accept
/// offers of WebSocket connections, messages a newer service might add) and malformed ones, without dropping its
/// control channel or crashing; offered WebSocket connections are turned down so their senders are not left waiting.
/// </summary>
public sealed class RelayControlMessageTests
{
    private static readonly string[] Messages =
    [
        """{"accept":{"address":"wss://127.0.0.1:1/$hc/cloudtrust-agent?sb-hc-action=accept&sb-hc-id=1","id":"1","connectHeaders":{"Sec-WebSocket-Protocol":"x"}}}""",
        """{"accept":{}}""",
        """{"accept":{"address":"not a uri"}}""",
        """{"ping":{}}""",
        """{"futureMessage":{"x":[1,2,3]}}""",
        """{"response":{"requestId":"r","statusCode":200}}""",
        """{"renewToken":{"token":"SharedAccessSignature sr=x"}}""",
        """{"request":{}}""",
        """{"request":null}""",
        """{"request":{"id":"no-method-no-address"}}""",
        """{"request":{"address":"not a uri"}}""",
        """{"request":{"address":"wss://127.0.0.1:1/$hc/x?sb-hc-action=request&sb-hc-id=1"}}""",
        """{"request":{"address":"http://127.0.0.1:1/","id":"i","method":"GET","requestTarget":"/x","body":false}}""",
        "null", "[]", "\"text\"", "{}", string.Empty, "{\"request\":", "\u0000\u0001",
    ];

    [Fact]
    public async Task Every_control_message_the_service_may_send_leaves_the_agent_serving_on_the_same_channel()
    {
        await using var env = await RelayTestEnvironment.StartAsync();

        foreach (var message in Messages)
        {
            await env.Relay.SendToListenersAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, default);
        }

        await env.Relay.SendToListenersAsync(new byte[] { 0xff, 0xfe, 0x00 }, WebSocketMessageType.Binary, default);
        await env.Relay.SendToListenersAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, default);
        var outcome = await env.CreateSender(maxAttempts: 1).SendAsync(KerberosOperationRequest.Health(), default);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(1, env.Agent.Listener.Connections);
        Assert.Equal(1, env.Relay.ListenersAccepted);
    }

    [Fact]
    public async Task Generated_hostile_control_frames_never_cost_the_agent_its_channel()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sent = 0;
        var frames = Gen.OneOf(
            Gen.Int[0, Messages.Length - 1].Select(i => Encoding.UTF8.GetBytes(Messages[i])),
            Gen.Int[0, 12].SelectMany(i => CloudTrust.Tests.Shared.HostileJson.MutationsOf(Messages[i])),
            Gen.Byte.Array[0, 300]);

        await frames.SampleAsync(
            async bytes =>
            {
                // Text frames must be UTF-8 (RFC 6455 §8.1: a peer fails the connection otherwise), so other bytes go as binary.
                var type = IsUtf8(bytes) ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                await env.Relay.SendToListenersAsync(bytes, type, default);
                Interlocked.Increment(ref sent);
            },
            iter: 300,
            threads: 1);
        var outcome = await env.CreateSender(maxAttempts: 1).SendAsync(KerberosOperationRequest.Health(), default);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(1, env.Agent.Listener.Connections);
        CloudTrust.Tests.Shared.ReliabilityLedger.Record("hostile-input", "relay control frames sent to the agent's listener", sent, duplicates: 0);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_websocket_sender_is_turned_down_by_the_agent_with_501_at_once()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var resource = SharedAccessSignature.ResourceFor(env.Server.BaseAddress, RelayTestEnvironment.HybridConnection);
        socket.Options.SetRequestHeader("ServiceBusAuthorization", SharedAccessSignature.Create(resource, RelayTestEnvironment.SendRule, env.SendKey, DateTimeOffset.UtcNow.AddMinutes(5)));
        var address = new Uri($"wss://{env.Server.BaseAddress.Authority}/$hc/{RelayTestEnvironment.HybridConnection}?sb-hc-action=connect");
        var started = DateTimeOffset.UtcNow;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(address, Timeouts.Token));

        Assert.Equal(HttpStatusCode.NotImplemented, socket.HttpStatusCode);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));

        // The agent logs once its own rejection handshake has ended (in 410), a moment after the sender was answered.
        var giveUp = Timeouts.Token;
        while (!env.Logs.Lines.Any(l => l.Contains("turned down", StringComparison.Ordinal)))
        {
            await Task.Delay(10, giveUp);
        }

        Assert.Equal(1, env.Agent.Listener.Connections);
    }
}
