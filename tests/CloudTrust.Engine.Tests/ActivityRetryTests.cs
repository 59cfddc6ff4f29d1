using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Tests;

public sealed class ActivityRetryTests
{
    [Fact]
    public async Task A_flaky_activity_is_retried_with_backoff_on_the_engine_clock_until_it_succeeds()
    {
        await using var harness = new EngineHarness();
        var attempts = new List<DateTimeOffset>();
        var registry = new WorkflowRegistry()
            .AddActivity<int, string>("Flaky", (_, _) =>
            {
                lock (attempts)
                {
                    attempts.Add(harness.Time.GetUtcNow());
                    if (attempts.Count < 3)
                    {
                        throw new HttpRequestException("503 from Graph");
                    }
                }

                return Task.FromResult("ok");
            })
            .AddWorkflow<int, string>("UsesFlaky", (ctx, _) =>
                ctx.CallActivityAsync<string>("Flaky", 1, new ActivityRetryPolicy(5, TimeSpan.FromSeconds(10), 2.0)));
        var engine = harness.Open(registry);

        var id = await engine.StartAsync("UsesFlaky", 0);
        var token = EngineHarness.Timeout;
        while (engine.GetInstance(id)!.Status != WorkflowStatus.Completed)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2, token);
        }

        Assert.Equal("ok", engine.GetInstance(id)!.ReadOutputAs<string>());
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(10), $"first delay was {attempts[1] - attempts[0]}");
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromSeconds(20), $"second delay was {attempts[2] - attempts[1]}");
    }

    [Fact]
    public async Task An_activity_that_keeps_failing_surfaces_as_a_typed_failure_the_workflow_can_catch()
    {
        await using var harness = new EngineHarness();
        var attempts = 0;
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Broken", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("domain controller unreachable");
            })
            .AddWorkflow<int, string>("Catches", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<int>("Broken", 1, new ActivityRetryPolicy(2, TimeSpan.FromSeconds(1)));
                    return "no failure";
                }
                catch (ActivityFailedException ex)
                {
                    return $"{ex.ActivityName}|{ex.Attempts}|{ex.Failure.ErrorType}|{ex.Failure.Message}|{ex.Failure.Is<InvalidOperationException>()}";
                }
            });
        var engine = harness.Open(registry);

        var id = await engine.StartAsync("Catches", 0);
        WorkflowInstance done;
        var token = EngineHarness.Timeout;
        while ((done = engine.GetInstance(id)!).Status != WorkflowStatus.Completed)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2, token);
        }

        Assert.Equal("Broken|2|System.InvalidOperationException|domain controller unreachable|True", done.ReadOutputAs<string>());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task An_uncaught_activity_failure_fails_the_instance_with_its_details()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Broken", (_, _) => throw new ArgumentException("bad group id"))
            .AddWorkflow<int, int>("DoesNotCatch", (ctx, _) => ctx.CallActivityAsync<int>("Broken", 1));
        var engine = harness.Open(registry);

        var id = await engine.StartAsync("DoesNotCatch", 0);
        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Equal(typeof(ActivityFailedException).FullName, done.Failure!.ErrorType);
        Assert.Contains("bad group id", done.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calling_an_unregistered_activity_fails_the_call_with_a_clear_message()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, int>("CallsNothing", (ctx, _) => ctx.CallActivityAsync<int>("NoSuchActivity", 1, new ActivityRetryPolicy(3, TimeSpan.FromSeconds(1))));
        var engine = harness.Open(registry);

        var done = await engine.WaitForCompletionAsync(await engine.StartAsync("CallsNothing", 0), EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Contains("no activity is registered as 'NoSuchActivity'", done.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_delays_grow_by_the_coefficient_and_stop_at_the_maximum()
    {
        var policy = new ActivityRetryPolicy(10, TimeSpan.FromSeconds(2), 3.0, TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(6), policy.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(18), policy.DelayAfter(3));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRetryPolicy(1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRetryPolicy(1, TimeSpan.FromSeconds(1), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRetryPolicy(1, TimeSpan.FromSeconds(5), 2, TimeSpan.FromSeconds(1)));
    }
}
