using System.Net;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>
/// Microsoft's listener (hyco-https) over time on the simulated relay: its own token renewal keeps a long-lived
/// control channel past its tokens' expiry, and it reconnects after the relay drops it.
/// </summary>
public sealed class HycoListenerLifetimeTests
{
    [Fact]
    public async Task Microsofts_listener_renews_its_token_and_keeps_one_channel_past_every_expiry()
    {
        // hyco-https renews hourly with the token function; listener.js shortens only that timer to one second, and
        // each token lives three seconds, so without renewals the relay would close the channel with 1008.
        await using var pair = await HycoListenerRelay.StartAsync(new Dictionary<string, string> { ["HYCO_RENEW_MS"] = "1000", ["HYCO_TOKEN_SECONDS"] = "3" });
        var giveUp = Timeouts.Token;
        var started = DateTimeOffset.UtcNow;
        while (pair.Relay.TokenRenewals < 5 || DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100, giveUp);
        }

        using var request = pair.Request(HttpMethod.Get, "/after-renewals?size=3");
        using var response = await pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, pair.Relay.ListenersAccepted);
        Assert.Equal(1, pair.Listener.Lines.Count(l => l == "listening"));
        Assert.True(pair.Listener.Lines.Count(l => l.StartsWith("token ", StringComparison.Ordinal)) >= 6);
    }

    [Fact]
    public async Task Microsofts_listener_reconnects_after_the_relay_drops_it_and_serves_again()
    {
        await using var pair = await HycoListenerRelay.StartAsync();
        var giveUp = Timeouts.Token;

        pair.Relay.DropListeners();
        await pair.Listener.WaitForLinesAsync(l => l == "listening", 2, giveUp);
        await pair.WaitForListenersAsync(2, giveUp);
        using var request = pair.Request(HttpMethod.Post, "/after-reconnect", [1, 2, 3]);
        using var response = await pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, pair.Relay.ListenersAccepted);
    }
}
