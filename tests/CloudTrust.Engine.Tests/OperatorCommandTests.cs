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
