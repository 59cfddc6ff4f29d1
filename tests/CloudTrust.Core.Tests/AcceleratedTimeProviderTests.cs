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
}
