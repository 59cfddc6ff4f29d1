using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Tests;

public sealed class OperatorCommandTests
{
    private static WorkflowRegistry Registry(List<string> ran) => new WorkflowRegistry()
        .AddActivity<string, string>("Step", (name, _) =>
        {
            lock (ran)
            {
                ran.Add(name);
            }

            return Task.FromResult(name);
        })
        .AddWorkflow<int, string>("TwoSteps", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Step", "first");
            var go = await ctx.WaitForExternalEvent<string>("go", Timeout.InfiniteTimeSpan);
            await ctx.CallActivityAsync<string>("Step", "second");
            return go;
        });

    [Fact]
    public async Task Terminate_stops_an_instance_for_good_and_records_why()
    {
        await using var harness = new EngineHarness();
        var ran = new List<string>();
        var engine = harness.Open(Registry(ran));
        var id = await engine.StartAsync("TwoSteps", 0);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);

        await engine.TerminateAsync(id, "wrong plan");
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Terminated, done.Status);
        Assert.Equal("wrong plan", done.StatusReason);
        Assert.Equal(["first"], ran);
        var ex = await Assert.ThrowsAsync<InstanceStateException>(() => engine.RaiseEventAsync(id, "go", "late"));
        Assert.Contains("terminated", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InstanceStateException>(() => engine.TerminateAsync(id, "again"));
    }

    [Fact]
    public async Task A_suspended_instance_makes_no_progress_and_resumes_from_its_journal()
    {
        await using var harness = new EngineHarness();
        var ran = new List<string>();
        var engine = harness.Open(Registry(ran));
        var id = await engine.StartAsync("TwoSteps", 0);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);

        await engine.SuspendAsync(id, "change freeze");
        await engine.RaiseEventAsync(id, "go", "approved");
        var suspended = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);
        Assert.Equal(WorkflowStatus.Suspended, suspended.Status);
        Assert.Equal("change freeze", suspended.StatusReason);
        await Assert.ThrowsAsync<InstanceStateException>(() => engine.SuspendAsync(id));

        await engine.ResumeAsync(id, "freeze over");
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("approved", done.ReadOutputAs<string>());
        Assert.Equal(["first", "second"], ran);
    }

    [Fact]
    public async Task Resume_refuses_an_instance_that_is_not_suspended()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));
        var id = await engine.StartAsync("TwoSteps", 0);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);

        var ex = await Assert.ThrowsAsync<InstanceStateException>(() => engine.ResumeAsync(id));

        Assert.Contains("cannot resume", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => engine.TerminateAsync("missing"));
    }
}

public sealed class ExclusiveStartTests
{
    [Fact]
    public async Task An_exclusive_start_is_refused_while_another_run_of_the_workflow_is_unfinished_and_allowed_after()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, int>("Rotation", async (ctx, n) =>
            {
                await ctx.WaitForExternalEvent<string>("done", Timeout.InfiniteTimeSpan);
                return n;
            });
        var engine = harness.Open(registry);
        await engine.StartExclusiveAsync("Rotation", 1, "tick-1");
        await engine.WaitUntilAsync("tick-1", i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        var before = engine.JournalCounts();

        var ex = await Assert.ThrowsAsync<InstanceConflictException>(() => engine.StartExclusiveAsync("Rotation", 2, "tick-2"));
        Assert.Contains("tick-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, engine.JournalCounts());

        await engine.RaiseEventAsync("tick-1", "done", "yes");
        await engine.WaitForCompletionAsync("tick-1", EngineHarness.Timeout);
        await engine.StartExclusiveAsync("Rotation", 3, "tick-3");
        var third = await engine.WaitUntilAsync("tick-3", i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        Assert.Equal("3", third.Input);
    }
}
