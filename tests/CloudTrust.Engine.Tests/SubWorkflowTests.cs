using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Engine.Tests;

public sealed class SubWorkflowTests
{
    private static WorkflowRegistry Registry(List<int> squared) => new WorkflowRegistry()
        .AddActivity<int, int>("Square", (n, _) =>
        {
            lock (squared)
            {
                squared.Add(n);
            }

            return Task.FromResult(n * n);
        })
        .AddWorkflow<int, int>("Ring", async (ctx, n) =>
        {
            ctx.SetCustomStatus(new { ring = n });
            await ctx.CreateTimer(TimeSpan.FromHours(1));
            if (n < 0)
            {
                throw new InvalidOperationException($"ring {n} has no devices");
            }

            return await ctx.CallActivityAsync<int>("Square", n);
        })
        .AddWorkflow<int[], string>("Rollout", async (ctx, rings) =>
        {
            var results = new List<string>();
            foreach (var n in rings)
            {
                try
                {
                    results.Add((await ctx.CallSubWorkflowAsync<int>("Ring", n, $"{ctx.InstanceId}/ring-{n}")).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (SubWorkflowFailedException ex)
                {
                    results.Add($"failed:{ex.InstanceId}:{ex.Failure.ErrorType}:{ex.Failure.Message}");
                }
            }

            return string.Join(' ', results);
        })
        .AddWorkflow<string, string>("CallsUnknown", (ctx, _) => ctx.CallSubWorkflowAsync<string>("NoSuchWorkflow", null, ctx.InstanceId + "/x"));

    [Fact]
    public async Task A_sub_workflow_runs_as_an_ordinary_instance_with_its_given_id_and_its_result_is_journaled_in_the_parent()
    {
        await using var harness = new EngineHarness();
        var squared = new List<int>();
        var engine = harness.Open(Registry(squared));

        var id = await engine.StartAsync("Rollout", new[] { 2, 3 }, "rollout-1");
        var done = await harness.DriveAsync(engine, id, TimeSpan.FromMinutes(30));

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("4 9", done.ReadOutputAs<string>());
        var child = engine.GetInstance("rollout-1/ring-3")!;
        Assert.Equal("Ring", child.Name);
        Assert.Equal(WorkflowStatus.Completed, child.Status);
        Assert.Equal("{\"ring\":3}", child.CustomStatus);
        Assert.Equal(9, child.ReadOutputAs<int>());
        Assert.Equal([2, 3], squared);

        var parent = engine.GetHistory(id);
        var scheduled = parent.Where(e => e.Kind == HistoryEventKind.SubWorkflowScheduled).ToList();
        Assert.Equal(["Ring", "Ring"], scheduled.Select(e => e.Name));
        Assert.Contains("rollout-1/ring-2", scheduled[0].Payload, StringComparison.Ordinal);
        Assert.Equal(["4", "9"], parent.Where(e => e.Kind == HistoryEventKind.SubWorkflowCompleted).Select(e => e.Payload));
        Assert.DoesNotContain(parent, e => e.Kind is HistoryEventKind.ActivityScheduled or HistoryEventKind.TimerCreated);
    }

    [Fact]
    public async Task A_failed_sub_workflow_reaches_the_parent_as_SubWorkflowFailedException_with_the_childs_failure()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));

        var id = await engine.StartAsync("Rollout", new[] { -1, 4 }, "rollout-2");
        var done = await harness.DriveAsync(engine, id, TimeSpan.FromMinutes(30));

        Assert.Equal("failed:rollout-2/ring--1:System.InvalidOperationException:ring -1 has no devices 16", done.ReadOutputAs<string>());
        Assert.Equal(WorkflowStatus.Failed, engine.GetInstance("rollout-2/ring--1")!.Status);
        Assert.Single(engine.GetHistory(id), e => e.Kind == HistoryEventKind.SubWorkflowFailed);
    }

    [Fact]
    public async Task A_sub_workflow_that_cannot_start_fails_the_call_instead_of_hanging()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));

        var id = await engine.StartAsync("CallsUnknown", "x", "unknown-1");
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Equal(typeof(SubWorkflowFailedException).FullName, done.Failure!.ErrorType);
        Assert.Contains("no workflow is registered as 'NoSuchWorkflow'", done.Failure.Message, StringComparison.Ordinal);
        Assert.Null(engine.GetInstance("unknown-1/x"));
    }

    [Fact]
    public async Task A_terminated_child_fails_the_parents_call()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));

        var id = await engine.StartAsync("Rollout", new[] { 5 }, "rollout-3");
        await WaitForChildAsync(engine, "rollout-3/ring-5");
        await engine.TerminateAsync("rollout-3/ring-5", "operator stopped the ring");
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Contains("was terminated: operator stopped the ring", done.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_the_parent_takes_up_its_running_child_without_starting_it_again()
    {
        await using var harness = new EngineHarness();
        var squared = new List<int>();
        var first = harness.Open(Registry(squared));
        var id = await first.StartAsync("Rollout", new[] { 6 }, "rollout-4");
        await WaitForChildAsync(first, "rollout-4/ring-6");
        await first.DisposeAsync();

        var second = harness.Open(Registry(squared));
        Assert.Equal(2, second.Recover());
        var done = await harness.DriveAsync(second, id, TimeSpan.FromMinutes(30));

        Assert.Equal("36", done.ReadOutputAs<string>());
        Assert.Equal([6], squared);
        Assert.Single(second.GetHistory("rollout-4/ring-6"), e => e.Kind == HistoryEventKind.ExecutionStarted);
        Assert.Single(second.GetHistory(id), e => e.Kind == HistoryEventKind.SubWorkflowScheduled);
    }

    private static async Task WaitForChildAsync(WorkflowEngine engine, string childId)
    {
        var token = EngineHarness.Timeout;
        while (engine.GetInstance(childId)?.Status != WorkflowStatus.Waiting)
        {
            await Task.Delay(5, token);
        }
    }
}
