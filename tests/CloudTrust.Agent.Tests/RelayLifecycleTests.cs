using System.Diagnostics;

namespace CloudTrust.Agent.Tests;

/// <summary>The agent stops within 2 seconds, closing its control channel with a close handshake (client-controlled, as the protocol asks).</summary>
public sealed class RelayLifecycleTests
{
    [Fact]
    public async Task The_agent_stops_within_two_seconds_and_closes_its_channel_cleanly()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var logsBefore = env.Logs.Lines.Count(l => l.Contains("relay control channel failed", StringComparison.Ordinal));
        var watch = Stopwatch.StartNew();

        await env.StopAgentAsync();
        watch.Stop();
        var giveUp = Timeouts.Token;
        while (env.Relay.ListenerCount > 0)
        {
            await Task.Delay(10, giveUp);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the agent took {watch.Elapsed} to stop");
        Assert.Equal(logsBefore, env.Logs.Lines.Count(l => l.Contains("relay control channel failed", StringComparison.Ordinal)));
    }
}
