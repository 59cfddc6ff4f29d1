namespace CloudTrust.Core.Rotation;

/// <summary>
/// When key rotations may run: a daily time range in UTC (it may wrap past midnight) on the listed weekdays
/// (the day the window opens).
/// </summary>
/// <param name="Start">When the window opens, UTC.</param>
/// <param name="End">When it closes, UTC; earlier than <paramref name="Start"/> means it closes the next day.</param>
/// <param name="Days">The weekdays on which it opens; every day when empty.</param>
public sealed record MaintenanceWindow(TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days)
{
    /// <summary>Returns whether <paramref name="moment"/> falls inside the window.</summary>
    /// <param name="moment">The moment to test.</param>
    /// <returns><c>true</c> inside the window.</returns>
    public bool Contains(DateTimeOffset moment)
    {
        var utc = moment.UtcDateTime;
        var time = TimeOnly.FromDateTime(utc);
        if (Start <= End)
        {
            return OpensOn(utc.DayOfWeek) && time >= Start && time < End;
        }

        return (OpensOn(utc.DayOfWeek) && time >= Start) || (OpensOn(utc.AddDays(-1).DayOfWeek) && time < End);
    }

    private bool OpensOn(DayOfWeek day) => Days.Count == 0 || Days.Contains(day);
}
