using CloudTrust.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace CloudTrust.Core.Tests;

public sealed class AcceleratedTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Simulated_time_runs_factor_times_faster_than_the_clock_underneath()
    {
        var real = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var clock = new AcceleratedTimeProvider(Start, 3600, real);

        real.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(Start.AddHours(2), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_simulated_hour_long_delay_ends_after_a_real_second()
    {
        var real = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var clock = new AcceleratedTimeProvider(Start, 3600, real);

        var delay = Task.Delay(TimeSpan.FromHours(1), clock);
        real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromMilliseconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_factor_below_one_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(Start, 0.5));

    [Fact]
    public void Two_clocks_anchored_on_the_same_real_instant_agree_though_created_at_different_times()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        var anchor = real.GetUtcNow();
        var first = AcceleratedTimeProvider.AnchoredAt(anchor, Start, 14_400, real);
        real.Advance(TimeSpan.FromSeconds(3));
        var second = AcceleratedTimeProvider.AnchoredAt(anchor, Start, 14_400, real);

        Assert.Equal(Start.AddHours(12), second.GetUtcNow());
        Assert.Equal(first.GetUtcNow(), second.GetUtcNow());
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Start.AddHours(16), first.GetUtcNow());
        Assert.Equal(first.GetUtcNow(), second.GetUtcNow());
    }

    [Fact]
    public void An_anchored_clock_refuses_a_factor_below_one()
        => Assert.Throws<ArgumentOutOfRangeException>(() => AcceleratedTimeProvider.AnchoredAt(DateTimeOffset.UtcNow, Start, 0));
}
