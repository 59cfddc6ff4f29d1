using CloudTrust.Core.Rotation;

namespace CloudTrust.Core.Tests;

public sealed class MaintenanceWindowTests
{
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_same_day_window_contains_its_start_but_not_its_end()
    {
        var window = new MaintenanceWindow(new TimeOnly(1, 0), new TimeOnly(5, 0), []);

        Assert.True(window.Contains(At(23, 1)));
        Assert.True(window.Contains(At(23, 4, 59)));
        Assert.False(window.Contains(At(23, 5)));
        Assert.False(window.Contains(At(23, 0, 59)));
    }

    [Fact]
    public void A_window_past_midnight_belongs_to_the_day_it_opens()
    {
        // 2026-11-21 is a Saturday.
        var window = new MaintenanceWindow(new TimeOnly(22, 0), new TimeOnly(4, 0), [DayOfWeek.Saturday]);

        Assert.True(window.Contains(At(21, 23)));
        Assert.True(window.Contains(At(22, 3)));
        Assert.False(window.Contains(At(22, 23)));
        Assert.False(window.Contains(At(21, 3)));
    }
}
