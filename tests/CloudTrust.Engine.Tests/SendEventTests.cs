using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Engine.Tests;

/// <summary>
/// <see cref="IWorkflowContext.SendEvent"/> on the local engine, as Durable's <c>SendEvent</c>: the event joins the
/// target's buffered events once, is journaled in the sender's history (so neither a replay nor a restart sends it
/// again), and is dropped when the target has finished or does not exist.
/// </summary>
public sealed class SendEventTests
{
    private static WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddWorkflow<string?, string>("Counter", async (ctx, _) =>
        {
            // Counts the pokes: the first for ever, then any other within a day.
            var first = await ctx.WaitForExternalEvent<string>("poke", Timeout.InfiniteTimeSpan);
            try
            {
                var second = await ctx.WaitForExternalEvent<string>("poke", TimeSpan.FromDays(1));
                return $"{first}+{second}";
            }
            catch (ExternalEventTimeoutException)
            {
                return first;
            }
        })
        .AddWorkflow<string?, string>("Finished", (_, _) => Task.FromResult("done"))
        .AddWorkflow<string?, string>("Poker", async (ctx, _) =>
        {
            await ctx.CallSubWorkflowAsync<string>("Finished", null, ctx.InstanceId + "/finished");
            var counter = ctx.CallSubWorkflowAsync<string>("Counter", null, ctx.InstanceId + "/counter");
            await ctx.CreateTimer(TimeSpan.FromHours(1));
            ctx.SendEvent(ctx.InstanceId + "/counter", "poke", "hello");
            ctx.SendEvent(ctx.InstanceId + "/finished", "poke", "too late");
            ctx.SendEvent(ctx.InstanceId + "/nobody", "poke", "no one");
            await ctx.CreateTimer(TimeSpan.FromHours(1));
            return await counter;
        });

    [Fact]
    public async Task An_event_sent_by_a_workflow_reaches_a_running_target_once_across_a_restart_and_is_dropped_for_finished_or_missing_ones()
    {
        await using var harness = new EngineHarness();
        var first = harness.Open(Registry());
        var id = await first.StartAsync("Poker", null, "poker-1");

        // Run until the sends are journaled, then stop the engine and open another on the same journal: it replays the
        // sender, which must not send again (the counter would then see a second poke).
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!first.GetHistory(id).Any(e => e.Kind == HistoryEventKind.EventSent))
            {
                if (first.GetInstance(id)!.Status == WorkflowStatus.Waiting && first.GetHistory(id).Count(e => e.Kind == HistoryEventKind.TimerCreated) == 1)
                {
                    harness.Time.Advance(TimeSpan.FromMinutes(30));
                }

                await Task.Delay(5, safety.Token);
            }
        }

        await first.DisposeAsync();
        var second = harness.Open(Registry());
        second.Recover();
        var done = await harness.DriveAsync(second, id, TimeSpan.FromHours(2));

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("hello", done.ReadOutputAs<string>());
        var sent = second.GetHistory(id).Where(e => e.Kind == HistoryEventKind.EventSent).ToList();
        Assert.Equal(["poke", "poke", "poke"], sent.Select(e => e.Name));
        Assert.Contains("poker-1/counter", sent[0].Payload, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Completed, second.GetInstance(id + "/finished")!.Status);
        Assert.Null(second.GetInstance(id + "/nobody"));
        Assert.Equal(1, second.GetHistory(id + "/counter").Count(e => e.Kind == HistoryEventKind.EventReceived));
    }
}
