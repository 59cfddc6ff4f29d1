using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Tests;

public sealed class ExternalEventTests
{
    private sealed record Approval(string By, bool Approved);

    private static WorkflowRegistry Registry(TaskCompletionSource? gate = null) => new WorkflowRegistry()
        .AddActivity<int, int>("Hold", async (n, ct) =>
        {
            if (gate is not null)
            {
                await gate.Task.WaitAsync(ct);
            }

            return n;
        })
        .AddWorkflow<int, string>("AwaitApproval", async (ctx, hours) =>
        {
            await ctx.CallActivityAsync<int>("Hold", 1);
            try
            {
                var approval = await ctx.WaitForExternalEvent<Approval>("approve", TimeSpan.FromHours(hours));
                return $"{approval.By}:{approval.Approved}";
            }
            catch (ExternalEventTimeoutException ex)
            {
                return $"timed out waiting for {ex.EventName}";
            }
        });

    [Fact]
    public async Task An_event_raised_while_the_instance_waits_is_delivered()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry());
        var id = await engine.StartAsync("AwaitApproval", 24);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);

        await engine.RaiseEventAsync(id, "approve", new Approval("alice@contoso.com", true));
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal("alice@contoso.com:True", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_before_the_wait_is_buffered_and_delivered_when_the_wait_starts()
    {
        await using var harness = new EngineHarness();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = harness.Open(Registry(gate));
        var id = await engine.StartAsync("AwaitApproval", 24);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Running, EngineHarness.Timeout);

        await engine.RaiseEventAsync(id, "APPROVE", new Approval("bob@contoso.com", false));
        gate.SetResult();
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal("bob@contoso.com:False", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_wait_times_out_as_specified_on_the_engine_clock()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry());
        var id = await engine.StartAsync("AwaitApproval", 4);

        var done = await harness.DriveAsync(engine, id, TimeSpan.FromHours(1));

        Assert.Equal("timed out waiting for approve", done.ReadOutputAs<string>());
        var timedOut = engine.GetHistory(id).Single(e => e.Kind == Journal.HistoryEventKind.EventTimedOut);
        var started = engine.GetHistory(id).Single(e => e.Kind == Journal.HistoryEventKind.ExecutionStarted);
        Assert.True(timedOut.Timestamp - started.Timestamp >= TimeSpan.FromHours(4));
        Assert.True(timedOut.Timestamp - started.Timestamp < TimeSpan.FromHours(6));
    }

    [Fact]
    public async Task An_event_raised_from_another_engine_on_the_same_file_reaches_the_running_instance()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry());
        var id = await engine.StartAsync("AwaitApproval", 24);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);

        var otherShell = harness.Open(Registry(), runInstances: false);
        await otherShell.RaiseEventAsync(id, "approve", new Approval("carol@contoso.com", true));
        var done = await otherShell.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal("carol@contoso.com:True", done.ReadOutputAs<string>());
    }
}
