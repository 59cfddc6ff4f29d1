using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Engine.Tests;

public sealed class ContinueAsNewTests
{
    /// <summary>The state a polling loop carries from one execution to the next.</summary>
    private sealed record Polling(int Done, int Total, int Sum, bool KeepEvents = true, bool SetStatus = true);

    private static WorkflowRegistry Registry(List<int> polled) => new WorkflowRegistry()
        .AddActivity<int, int>("Poll", (n, _) =>
        {
            lock (polled)
            {
                polled.Add(n);
            }

            return Task.FromResult(n);
        })
        .AddWorkflow<Polling, int>("Poller", async (ctx, state) =>
        {
            // Three polls per execution, then continue as new with what the next one needs.
            var sum = state.Sum;
            var done = state.Done;
            for (var i = 0; i < 3 && done < state.Total; i++)
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(15));
                sum += await ctx.CallActivityAsync<int>("Poll", ++done);
                if (state.SetStatus)
                {
                    ctx.SetCustomStatus(new { done });
                }
            }

            if (done < state.Total)
            {
                ctx.ContinueAsNew(state with { Done = done, Sum = sum }, state.KeepEvents);
                return -1;
            }

            return sum;
        })
        .AddWorkflow<Polling, string>("Listener", async (ctx, state) =>
        {
            if (state.Done == 0)
            {
                ctx.SetCustomStatus("first execution");
                await ctx.CreateTimer(TimeSpan.FromHours(1));
                ctx.ContinueAsNew(state with { Done = 1 }, state.KeepEvents);
                return "ignored";
            }

            try
            {
                return await ctx.WaitForExternalEvent<string>("resume", TimeSpan.FromHours(1));
            }
            catch (ExternalEventTimeoutException)
            {
                return "no event";
            }
        });

    [Fact]
    public async Task A_loop_that_continues_as_new_keeps_each_execution_small_and_ends_with_the_same_result()
    {
        await using var harness = new EngineHarness();
        var polled = new List<int>();
        var engine = harness.Open(Registry(polled));

        var id = await engine.StartAsync("Poller", new Polling(0, 10, 0), "poller-1");
        var done = await harness.DriveAsync(engine, id, TimeSpan.FromMinutes(15));

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(55, done.ReadOutputAs<int>());
        Assert.Equal(Enumerable.Range(1, 10), polled);
        Assert.Contains("\"done\":9", done.Input, StringComparison.Ordinal);

        var executions = engine.GetExecutions(id);
        Assert.Equal(4, executions.Count);
        Assert.All(executions.SkipLast(1), e => Assert.Equal(HistoryEventKind.ExecutionContinuedAsNew, e[^1].Kind));
        Assert.All(executions, e => Assert.Equal(HistoryEventKind.ExecutionStarted, e[0].Kind));
        Assert.True(executions.Max(e => e.Count) <= 14, $"an execution has {executions.Max(e => e.Count)} entries");
        Assert.Equal(executions[^1], engine.GetHistory(id));
        Assert.Equal(HistoryEventKind.ExecutionCompleted, engine.GetHistory(id)[^1].Kind);
        Assert.Equal(0, engine.GetHistory(id)[0].Sequence);
    }

    [Fact]
    public async Task The_custom_status_survives_until_the_new_execution_sets_one()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));

        var id = await engine.StartAsync("Listener", new Polling(0, 0, 0), "listener-status");
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting && i.Input!.Contains("\"done\":0", StringComparison.Ordinal), EngineHarness.Timeout);
        harness.Time.Advance(TimeSpan.FromHours(1));
        var second = await engine.WaitUntilAsync(id, i => i.Input!.Contains("\"done\":1", StringComparison.Ordinal) && i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);

        Assert.Equal("\"first execution\"", second.CustomStatus);
        Assert.Single(engine.GetHistory(id), e => e.Kind == HistoryEventKind.EventWaitStarted);
    }

    [Theory]
    [InlineData(true, "go on")]
    [InlineData(false, "no event")]
    public async Task Events_not_yet_received_carry_over_to_the_new_execution_only_when_preserved(bool keep, string expected)
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));

        var id = await engine.StartAsync("Listener", new Polling(0, 0, 0, keep), $"listener-{keep}");
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await engine.RaiseEventAsync(id, "resume", "go on");
        var done = await harness.DriveAsync(engine, id, TimeSpan.FromHours(1));

        Assert.Equal(expected, done.ReadOutputAs<string>());
        Assert.Equal(2, engine.GetExecutions(id).Count);
    }

    [Fact]
    public async Task A_restart_in_a_later_execution_replays_only_that_execution()
    {
        await using var harness = new EngineHarness();
        var polled = new List<int>();
        var first = harness.Open(Registry(polled));
        var id = await first.StartAsync("Poller", new Polling(0, 8, 0), "poller-restart");
        while (first.GetExecutions(id).Count < 2 || first.GetInstance(id)!.Status != WorkflowStatus.Waiting)
        {
            if (first.GetInstance(id)!.Status == WorkflowStatus.Waiting)
            {
                harness.Time.Advance(TimeSpan.FromMinutes(15));
            }

            await Task.Delay(5, EngineHarness.Timeout);
        }

        await first.DisposeAsync();
        var replayed = harness.Open(Registry(polled));
        replayed.Recover();
        var done = await harness.DriveAsync(replayed, id, TimeSpan.FromMinutes(15));

        Assert.Equal(36, done.ReadOutputAs<int>());
        Assert.Equal(Enumerable.Range(1, 8), polled);
        Assert.Equal(3, replayed.GetExecutions(id).Count);
    }
}
