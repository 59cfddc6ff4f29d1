using System.Globalization;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Engine.Tests;

public sealed class TimerTests
{
    private static WorkflowRegistry Registry(List<int> ran) => new WorkflowRegistry()
        .AddActivity<int, int>("Record", (n, _) =>
        {
            lock (ran)
            {
                ran.Add(n);
            }

            return Task.FromResult(n);
        })
        .AddWorkflow<int, string>("Soak", async (ctx, days) =>
        {
            var start = ctx.CurrentUtcDateTime;
            for (var day = 1; day <= days; day++)
            {
                await ctx.CreateTimer(TimeSpan.FromDays(1));
                await ctx.CallActivityAsync<int>("Record", day);
            }

            return (ctx.CurrentUtcDateTime - start).TotalDays.ToString(CultureInfo.InvariantCulture);
        });

    [Fact]
    public async Task Days_of_durable_timers_run_in_moments_on_the_engine_clock()
    {
        await using var harness = new EngineHarness();
        var ran = new List<int>();
        var engine = harness.Open(Registry(ran));

        var id = await engine.StartAsync("Soak", 3);
        var done = await harness.DriveAsync(engine, id, TimeSpan.FromHours(6));

        // The test clock moves in 6-hour steps whenever the workflow waits, including while an activity runs, so a
        // busy machine may overshoot a timer by a step or more: each timer must wait at least its day, never less.
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.True(double.Parse(done.ReadOutputAs<string>()!, CultureInfo.InvariantCulture) >= 3, done.ReadOutputAs<string>());
        Assert.Equal([1, 2, 3], ran);
        var history = engine.GetHistory(id);
        var created = history.Where(e => e.Kind == HistoryEventKind.TimerCreated).ToList();
        var fired = history.Where(e => e.Kind == HistoryEventKind.TimerFired).ToList();
        Assert.Equal(3, fired.Count);
        Assert.Equal(3, created.Count);
        Assert.All(created.Zip(fired), pair => Assert.True(pair.Second.Timestamp - pair.First.Timestamp >= TimeSpan.FromDays(1), $"a timer fired {pair.Second.Timestamp - pair.First.Timestamp} after it was created"));
    }

    [Fact]
    public async Task A_timer_survives_a_restart_and_fires_at_once_when_it_fell_due_while_nothing_ran()
    {
        await using var harness = new EngineHarness();
        var ran = new List<int>();
        var engine = harness.Open(Registry(ran));
        var id = await engine.StartAsync("Soak", 1);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await engine.DisposeAsync();
        Assert.Empty(ran);

        harness.Time.Advance(TimeSpan.FromDays(2));
        var restarted = harness.Open(Registry(ran));
        Assert.Equal(1, restarted.Recover());
        var done = await restarted.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal([1], ran);
        var created = restarted.GetHistory(id).Single(e => e.Kind == HistoryEventKind.TimerCreated);
        var fired = restarted.GetHistory(id).Single(e => e.Kind == HistoryEventKind.TimerFired);
        Assert.Equal(harness.Time.GetUtcNow(), fired.Timestamp);
        Assert.True(fired.Timestamp - created.Timestamp >= TimeSpan.FromDays(2));
    }

    [Fact]
    public async Task A_cancelled_timer_never_fires_and_does_not_hold_the_workflow()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, string>("Race", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var slow = ctx.CreateTimer(TimeSpan.FromDays(7), cts.Token);
                var fast = ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                var winner = await Task.WhenAny(slow, fast);
                await cts.CancelAsync();
                return winner == fast ? "fast" : "slow";
            });
        var engine = harness.Open(registry);

        var id = await engine.StartAsync("Race", 0);
        var done = await harness.DriveAsync(engine, id, TimeSpan.FromMinutes(30));

        Assert.Equal("fast", done.ReadOutputAs<string>());
        Assert.Single(engine.GetHistory(id), e => e.Kind == HistoryEventKind.TimerFired);
    }
}
