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
}
