using System.Net.WebSockets;
using System.Text;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Relay;
using CsCheck;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The simulated relay facing a hostile or failing listener: generated malformed frames on a control channel never
/// crash it or cost other listeners their channels, and a listener that vanishes mid-request gets its sender a 502 at
/// once rather than a hung request.
/// </summary>
public sealed class SimulatedRelayHostileListenerTests
{
    private static readonly string[] Seeds =
    [
        """{"response":{"requestId":"1","statusCode":200,"statusDescription":"OK","responseHeaders":{"a":"b"},"body":true}}""",
        """{"response":{"requestId":"1","statusCode":"204","responseHeaders":{"n":1,"arr":["x","y"],"o":{}},"body":false}}""",
        """{"response":{"requestId":"","statusCode":99999}}""",
        """{"unknown":{"x":1}}""",
    ];

    [Fact]
    public async Task Generated_hostile_frames_from_a_listener_never_crash_the_relay()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sent = 0;
        using (var intruder = await ConnectListenerAsync(env))
        {
            var frames = Gen.OneOf(
                Gen.Int[0, Seeds.Length - 1].Select(i => (Encoding.UTF8.GetBytes(Seeds[i]), WebSocketMessageType.Text)),
                Gen.Int[0, Seeds.Length - 1].SelectMany(i => CloudTrust.Tests.Shared.HostileJson.MutationsOf(Seeds[i])).Select(b => (b, WebSocketMessageType.Binary)),
                Gen.Byte.Array[0, 200].Select(b => (b, WebSocketMessageType.Binary)));
            await frames.SampleAsync(
                async frame =>
                {
                    if (intruder.State == WebSocketState.Open)
                    {
                        await intruder.SendAsync(frame.Item1, frame.Item2, true, default);
                        Interlocked.Increment(ref sent);
                    }
                },
                iter: 300,
                threads: 1);
            Assert.Equal(WebSocketState.Open, intruder.State);
        }

        await WaitAsync(() => env.Relay.ListenerCount == 1);
        var outcome = await env.CreateSender(maxAttempts: 1).SendAsync(KerberosOperationRequest.Health(), default);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(1, env.Agent.Listener.Connections);
        CloudTrust.Tests.Shared.ReliabilityLedger.Record("hostile-input", "frames a listener sends the simulated relay", sent, duplicates: 0);
    }

    [Fact]
    public async Task A_refused_token_renewal_closes_the_channel_with_1008()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var intruder = await ConnectListenerAsync(env);
        var forged = SharedAccessSignature.Create(SharedAccessSignature.ResourceFor(env.Server.BaseAddress, RelayTestEnvironment.HybridConnection), RelayTestEnvironment.ListenRule, "not-the-key", DateTimeOffset.UtcNow.AddMinutes(5));

        await intruder.SendAsync(Encoding.UTF8.GetBytes("{\"renewToken\":{\"token\":\"" + forged + "\"}}"), WebSocketMessageType.Text, true, Timeouts.Token);
        var received = await intruder.ReceiveAsync(new byte[1024], Timeouts.Token);

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, intruder.CloseStatus);
        Assert.StartsWith("InvalidSignature", intruder.CloseStatusDescription, StringComparison.Ordinal);
        Assert.Equal(0, env.Relay.TokenRenewals);
    }

    [Fact]
    public async Task A_listener_that_vanishes_mid_request_gets_the_sender_a_502_at_once()
    {
        await using var env = await RelayTestEnvironment.StartAsync(relayTimeout: TimeSpan.FromSeconds(50));
        await env.StopAgentAsync();
        await WaitAsync(() => env.Relay.ListenerCount == 0);
        using var vanishing = await ConnectListenerAsync(env);
        await WaitAsync(() => env.Relay.ListenerCount == 1);
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(KerberosOperationRequest.Health());
        var started = DateTimeOffset.UtcNow;

        var answer = raw.SendAsync(body, raw.Sign(body));
        var buffer = new byte[64 * 1024];
        var received = await vanishing.ReceiveAsync(buffer, Timeouts.Token);
        vanishing.Abort();
        var (status, _) = await answer;

        Assert.Contains("\"request\"", Encoding.UTF8.GetString(buffer, 0, received.Count), StringComparison.Ordinal);
        Assert.Equal(502, status);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    private static async Task<ClientWebSocket> ConnectListenerAsync(RelayTestEnvironment env)
    {
        var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var resource = SharedAccessSignature.ResourceFor(env.Server.BaseAddress, RelayTestEnvironment.HybridConnection);
        socket.Options.SetRequestHeader("ServiceBusAuthorization", SharedAccessSignature.Create(resource, RelayTestEnvironment.ListenRule, env.ListenKey, DateTimeOffset.UtcNow.AddMinutes(5)));
        await socket.ConnectAsync(env.ListenerOptions().ControlChannelAddress("intruder"), Timeouts.Token);
        return socket;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var giveUp = Timeouts.Token;
        while (!condition())
        {
            await Task.Delay(10, giveUp);
        }
    }
}
