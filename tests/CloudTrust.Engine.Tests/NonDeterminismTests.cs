using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Tests;

public sealed class NonDeterminismTests
{
    private static WorkflowRegistry Version(string firstActivity) => new WorkflowRegistry()
        .AddActivity<int, int>("EnsureProfile", (n, _) => Task.FromResult(n))
        .AddActivity<int, int>("AssignRing", (n, _) => Task.FromResult(n))
        .AddWorkflow<int, int>("Rollout", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<int>(firstActivity, 1);
            await ctx.WaitForExternalEvent<string>("approve", Timeout.InfiniteTimeSpan);
            return 1;
        });

    [Fact]
    public async Task A_replay_that_asks_for_another_activity_than_the_journal_fails_naming_both()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Version("EnsureProfile"));
        var id = await engine.StartAsync("Rollout", 0);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await engine.DisposeAsync();

        var changed = harness.Open(Version("AssignRing"));
        changed.Recover();
        var done = await changed.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Equal(typeof(NonDeterministicWorkflowException).FullName, done.Failure!.ErrorType);
        Assert.Contains("ActivityScheduled 'EnsureProfile'", done.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("ActivityScheduled 'AssignRing'", done.Failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("finish this run with the version that started it", done.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_that_finishes_where_the_journal_has_more_steps_fails()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Version("EnsureProfile"));
        var id = await engine.StartAsync("Rollout", 0);
        await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await engine.DisposeAsync();

        var shortened = harness.Open(new WorkflowRegistry().AddWorkflow<int, int>("Rollout", (_, n) => Task.FromResult(n)));
        shortened.Recover();
        var done = await shortened.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Contains("finished instead", done.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_that_calls_a_sub_workflow_under_another_id_than_the_journal_fails_naming_both()
    {
        static WorkflowRegistry Calling(string childId) => new WorkflowRegistry()
            .AddWorkflow<int, int>("Ring", async (ctx, n) =>
            {
                await ctx.WaitForExternalEvent<string>("go", Timeout.InfiniteTimeSpan);
                return n;
            })
            .AddWorkflow<int, int>("Rollout", (ctx, _) => ctx.CallSubWorkflowAsync<int>("Ring", 1, childId));

        await using var harness = new EngineHarness();
        var engine = harness.Open(Calling("parent-1.ring-1"));
        await engine.StartAsync("Rollout", 0, "parent-1");
        await engine.WaitUntilAsync("parent-1", i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await engine.DisposeAsync();

        var changed = harness.Open(Calling("parent-1.pilot"));
        changed.Recover();
        var done = await changed.WaitForCompletionAsync("parent-1", EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Contains("started child 'parent-1.ring-1', but the workflow asked for child 'parent-1.pilot'", done.Failure!.Message, StringComparison.Ordinal);
    }
}
