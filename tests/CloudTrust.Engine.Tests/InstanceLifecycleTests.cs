using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Engine.Tests;

public sealed class InstanceLifecycleTests
{
    private sealed record Greeting(string Name, int Times);

    private static WorkflowRegistry Registry(List<string> calls) => new WorkflowRegistry()
        .AddActivity<string, string>("Shout", (name, _) =>
        {
            lock (calls)
            {
                calls.Add(name);
            }

            return Task.FromResult(name.ToUpperInvariant());
        })
        .AddWorkflow<Greeting, string>("Greet", async (ctx, input) =>
        {
            var parts = new List<string>();
            for (var i = 0; i < input.Times; i++)
            {
                ctx.SetCustomStatus(new { step = i + 1, of = input.Times });
                parts.Add(await ctx.CallActivityAsync<string>("Shout", input.Name));
            }

            return string.Join(' ', parts);
        })
        .AddWorkflow<int, int>("Double", (_, n) => Task.FromResult(n * 2));

    [Fact]
    public async Task A_completed_instance_records_id_name_input_status_custom_status_output_and_timestamps()
    {
        await using var harness = new EngineHarness();
        var calls = new List<string>();
        var engine = harness.Open(Registry(calls));

        var id = await engine.StartAsync("Greet", new Greeting("ada", 3), "greet-1");
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal("greet-1", done.InstanceId);
        Assert.Equal("Greet", done.Name);
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("ADA ADA ADA", done.ReadOutputAs<string>());
        Assert.Contains("\"name\":\"ada\"", done.Input, StringComparison.Ordinal);
        Assert.Equal("{\"step\":3,\"of\":3}", done.CustomStatus);
        Assert.Equal(harness.Time.GetUtcNow(), done.CreatedAt);
        Assert.NotNull(done.CompletedAt);
        Assert.Null(done.Failure);
        Assert.Equal(3, calls.Count);

        var kinds = engine.GetHistory(id).Select(e => e.Kind).ToList();
        Assert.Equal(HistoryEventKind.ExecutionStarted, kinds[0]);
        Assert.Equal(3, kinds.Count(k => k == HistoryEventKind.ActivityScheduled));
        Assert.Equal(3, kinds.Count(k => k == HistoryEventKind.ActivityCompleted));
        Assert.Equal(HistoryEventKind.ExecutionCompleted, kinds[^1]);
    }

    [Fact]
    public async Task Instances_can_be_listed_and_filtered_by_name_status_and_creation_time()
    {
        await using var harness = new EngineHarness();
        var engine = harness.Open(Registry([]));

        await engine.StartAsync("Double", 1, "d-1");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.StartAsync("Double", 2, "d-2");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.StartAsync("Greet", new Greeting("x", 1), "g-1");
        foreach (var id in new[] { "d-1", "d-2", "g-1" })
        {
            await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);
        }

        Assert.Equal(["g-1", "d-2", "d-1"], engine.ListInstances().Select(i => i.InstanceId));
        Assert.Equal(["d-2", "d-1"], engine.ListInstances(new WorkflowQuery(Name: "Double")).Select(i => i.InstanceId));
        Assert.Empty(engine.ListInstances(new WorkflowQuery(Statuses: [WorkflowStatus.Failed])));
        Assert.Equal(3, engine.ListInstances(new WorkflowQuery(Statuses: [WorkflowStatus.Completed])).Count);
        var start = harness.Time.GetUtcNow() - TimeSpan.FromMinutes(1);
        Assert.Equal(["g-1", "d-2"], engine.ListInstances(new WorkflowQuery(CreatedFrom: start)).Select(i => i.InstanceId));
        Assert.Single(engine.ListInstances(new WorkflowQuery(Top: 1)));
        Assert.Equal(4, engine.GetInstance("d-2")!.ReadOutputAs<int>());
        Assert.Null(engine.GetInstance("nope"));
    }

    [Fact]
    public async Task Starting_the_same_id_with_the_same_input_again_returns_it_without_a_second_run()
    {
        await using var harness = new EngineHarness();
        var calls = new List<string>();
        var engine = harness.Open(Registry(calls));

        await engine.StartAsync("Greet", new Greeting("ada", 1), "same");
        await engine.WaitForCompletionAsync("same", EngineHarness.Timeout);
        var again = await engine.StartAsync("Greet", new Greeting("ada", 1), "same");

        Assert.Equal("same", again);
        Assert.Single(calls);
        Assert.Single(engine.ListInstances());
    }

    [Fact]
    public async Task New_guids_are_the_same_on_replay_and_differ_between_calls()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<string, Guid[]>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                await ctx.WaitForExternalEvent<string>("go", Timeout.InfiniteTimeSpan);
                return [first, ctx.NewGuid()];
            });
        var engine = harness.Open(registry);
        await engine.StartAsync("Guids", "x", "g");
        await engine.WaitUntilAsync("g", i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await engine.DisposeAsync();

        var restarted = harness.Open(registry);
        restarted.Recover();
        await restarted.RaiseEventAsync("g", "go", "now");
        var done = await restarted.WaitForCompletionAsync("g", EngineHarness.Timeout);
        var guids = done.ReadOutputAs<Guid[]>()!;

        Assert.Equal(DeterministicGuid.Create("g/0"), guids[0]);
        Assert.Equal(DeterministicGuid.Create("g/1"), guids[1]);
        Assert.NotEqual(guids[0], guids[1]);
    }

    [Fact]
    public async Task Recover_leaves_instances_of_workflows_this_engine_does_not_know_to_the_engine_that_does()
    {
        await using var harness = new EngineHarness();
        var waits = new WorkflowRegistry().AddWorkflow<string, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go", Timeout.InfiniteTimeSpan));
        var other = new WorkflowRegistry().AddWorkflow<string, string>("Other", (_, input) => Task.FromResult(input));
        var first = harness.Open(waits);
        await first.StartAsync("Waits", "x", "w");
        await first.WaitUntilAsync("w", i => i.Status == WorkflowStatus.Waiting, EngineHarness.Timeout);
        await first.DisposeAsync();

        var stranger = harness.Open(other);
        var recovered = stranger.Recover();
        await stranger.DisposeAsync();
        var owner = harness.Open(waits);
        var ownerRecovered = owner.Recover();
        await owner.RaiseEventAsync("w", "go", "done");
        var done = await owner.WaitForCompletionAsync("w", EngineHarness.Timeout);

        Assert.Equal(0, recovered);
        Assert.Equal(1, ownerRecovered);
        Assert.Equal("done", done.ReadOutputAs<string>());
    }
}
