using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>
/// The relay keeps a rendezvous socket that carried a request for the same sender connection's later requests, as
/// Microsoft's Node listener expects (hyco-https reads further requests on it and answers each there), closes it
/// when it idles, and spreads requests over several listeners at random.
/// </summary>
public sealed class HycoRendezvousReuseTests
{
    private const int Large = 100 * 1024;

    [Fact]
    public async Task A_rendezvous_socket_carries_the_same_connections_next_requests_to_Microsofts_listener()
    {
        await using var pair = await HycoListenerRelay.StartAsync();
        using var client = pair.CreateClient(maxConnections: 1);

        await AssertEchoedAsync(pair, client, Large, seed: 1);
        var rendezvousAfterFirst = pair.Relay.RendezvousUsed;
        await AssertEchoedAsync(pair, client, 10, seed: 2);
        await AssertEchoedAsync(pair, client, Large, seed: 3);
        await AssertEchoedAsync(pair, client, 0, seed: 4);

        Assert.Equal(1, rendezvousAfterFirst);
        Assert.Equal(1, pair.Relay.RendezvousUsed);
        Assert.Equal(3, pair.Relay.RequestsOnKeptRendezvous);
        Assert.Equal(4, pair.Listener.Lines.Count(l => l.StartsWith("request POST /", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Another_sender_connection_does_not_get_a_socket_kept_for_the_first()
    {
        await using var pair = await HycoListenerRelay.StartAsync();
        using var first = pair.CreateClient(maxConnections: 1);
        using var second = pair.CreateClient(maxConnections: 1);

        await AssertEchoedAsync(pair, first, Large, seed: 5);
        await AssertEchoedAsync(pair, second, 10, seed: 6);

        Assert.Equal(0, pair.Relay.RequestsOnKeptRendezvous);
        Assert.Equal(1, pair.Relay.RendezvousKept);
    }

    [Fact]
    public async Task An_idle_rendezvous_socket_is_closed_and_the_next_request_goes_over_the_control_channel()
    {
        await using var pair = await HycoListenerRelay.StartAsync(rendezvousIdleTimeout: TimeSpan.FromMilliseconds(300));
        using var client = pair.CreateClient(maxConnections: 1);
        var giveUp = Timeouts.Token;

        await AssertEchoedAsync(pair, client, Large, seed: 7);
        while (pair.Relay.RendezvousKept > 0)
        {
            await Task.Delay(20, giveUp);
        }

        await AssertEchoedAsync(pair, client, 10, seed: 8);

        Assert.Equal(0, pair.Relay.RequestsOnKeptRendezvous);
        Assert.False(pair.Listener.HasExited);
    }

    [Fact]
    public async Task Requests_are_spread_over_listeners_at_random()
    {
        await using var pair = await HycoListenerRelay.StartAsync();
        var second = await pair.AddListenerAsync();
        const int count = 40;

        var servedBy = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var request = pair.Request(HttpMethod.Get, $"/random?i={i}&size=1");
            using var response = await pair.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            servedBy.Add(second.Lines.Any(l => l.EndsWith($"/random?i={i}&size=1", StringComparison.Ordinal)) ? 2 : 1);
        }

        // Round robin would alternate strictly; at random both listeners serve and some neighbours share one
        // (each of these fails by chance with probability 2^-39).
        Assert.Contains(1, servedBy);
        Assert.Contains(2, servedBy);
        Assert.Contains(Enumerable.Range(1, count - 1), i => servedBy[i] == servedBy[i - 1]);
        Assert.Equal(count, pair.Listener.Lines.Count(l => l.Contains("/random?i=", StringComparison.Ordinal)) + second.Lines.Count(l => l.Contains("/random?i=", StringComparison.Ordinal)));
    }

    private static async Task AssertEchoedAsync(HycoListenerRelay pair, HttpClient client, int size, int seed)
    {
        var body = new byte[size];
        new Random(seed).NextBytes(body);
        using var request = pair.Request(HttpMethod.Post, "/reuse?seed=" + seed.ToString(CultureInfo.InvariantCulture), body);
        using var response = await client.SendAsync(request);
        var echoed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), response.Headers.GetValues("x-body-sha256").Single());
        Assert.Equal(body, echoed);
    }
}
