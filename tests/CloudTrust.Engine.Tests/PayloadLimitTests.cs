using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Tests;

/// <summary>
/// The limits the Durable Task service enforces and the engine checks too: a custom status over 16 KB of UTF-16 JSON
/// fails the workflow (by default), and with <see cref="WorkflowEngineOptions.MaxPayloadBytes"/> set, inputs and
/// outputs over the budget are refused or fail loudly.
/// </summary>
public sealed class PayloadLimitTests
{
    // A JSON string is its characters plus two quotes: 8,190 ASCII characters serialize to exactly 16,384 bytes of UTF-16.
    private const int CharactersAtTheLimit = (StatusBudget.MaxCustomStatusBytes / 2) - 2;

    [Fact]
    public async Task A_status_at_16_KB_is_kept_and_one_character_more_fails_the_workflow_keeping_the_last_status()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, string>("Status", (ctx, extra) =>
            {
                ctx.SetCustomStatus(new string('a', CharactersAtTheLimit));
                ctx.SetCustomStatus(new string('b', CharactersAtTheLimit + extra));
                return Task.FromResult("done");
            });
        var engine = harness.Open(registry);

        var fits = await engine.WaitForCompletionAsync(await engine.StartAsync("Status", 0), EngineHarness.Timeout);
        var over = await engine.WaitForCompletionAsync(await engine.StartAsync("Status", 1), EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Completed, fits.Status);
        Assert.Equal(StatusBudget.MaxCustomStatusBytes, StatusBudget.Utf16Bytes(fits.CustomStatus));
        Assert.Equal(WorkflowStatus.Failed, over.Status);
        Assert.True(over.Failure!.Is<PayloadTooLargeException>(), over.Failure.ToString());
        Assert.Contains("16386 bytes", over.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(new string('a', CharactersAtTheLimit), over.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task Escaped_characters_count_as_Durable_counts_them_in_the_serialized_json()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, string>("Escaped", (ctx, _) =>
            {
                ctx.SetCustomStatus(new string('<', 3_000)); // 3,000 characters, but \u003C each: 36 KB of JSON
                return Task.FromResult("done");
            });
        var engine = harness.Open(registry);

        var run = await engine.WaitForCompletionAsync(await engine.StartAsync("Escaped", 0), EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Failed, run.Status);
        Assert.True(run.Failure!.Is<PayloadTooLargeException>(), run.Failure.ToString());
    }

    [Fact]
    public async Task The_status_check_can_be_turned_off()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, string>("Big", (ctx, _) =>
            {
                ctx.SetCustomStatus(new string('a', 20_000));
                return Task.FromResult("done");
            });
        var engine = harness.Open(registry, configure: o => o with { MaxCustomStatusBytes = null });

        var run = await engine.WaitForCompletionAsync(await engine.StartAsync("Big", 0), EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Completed, run.Status);
    }

    [Fact]
    public async Task An_activity_output_over_the_budget_fails_that_activity_once_without_retries()
    {
        await using var harness = new EngineHarness();
        var calls = 0;
        var registry = new WorkflowRegistry()
            .AddActivity<int, string>("Large", (size, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(new string('x', size));
            })
            .AddWorkflow<int, string>("CallsLarge", async (ctx, size) =>
            {
                try
                {
                    return (await ctx.CallActivityAsync<string>("Large", size, new ActivityRetryPolicy(3, TimeSpan.FromSeconds(1)))).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (ActivityFailedException ex)
                {
                    return $"{ex.Attempts}: {ex.Failure}";
                }
            });
        var engine = harness.Open(registry, configure: o => o with { MaxPayloadBytes = 1_000 });

        var small = await engine.WaitForCompletionAsync(await engine.StartAsync("CallsLarge", 100), EngineHarness.Timeout);
        var large = await engine.WaitForCompletionAsync(await engine.StartAsync("CallsLarge", 2_000), EngineHarness.Timeout);

        Assert.Equal("100", small.ReadOutputAs<string>());
        var answer = large.ReadOutputAs<string>()!;
        Assert.StartsWith("1: " + typeof(PayloadTooLargeException).FullName, answer, StringComparison.Ordinal);
        Assert.Contains("the output of activity 'Large' is 4004 bytes", answer, StringComparison.Ordinal);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Over_the_budget_a_start_is_refused_and_an_activity_input_or_workflow_output_fails_the_workflow()
    {
        await using var harness = new EngineHarness();
        var registry = new WorkflowRegistry()
            .AddActivity<string, int>("Length", (text, _) => Task.FromResult(text.Length))
            .AddWorkflow<int, int>("SendsLarge", (ctx, size) => ctx.CallActivityAsync<int>("Length", new string('x', size)))
            .AddWorkflow<int, string>("ReturnsLarge", (_, size) => Task.FromResult(new string('x', size)))
            .AddWorkflow<string, int>("TakesText", (_, text) => Task.FromResult(text.Length));
        var engine = harness.Open(registry, configure: o => o with { MaxPayloadBytes = 1_000 });

        var refused = await Assert.ThrowsAsync<PayloadTooLargeException>(() => engine.StartAsync("TakesText", new string('x', 600), "too-large-input"));
        var sends = await engine.WaitForCompletionAsync(await engine.StartAsync("SendsLarge", 600), EngineHarness.Timeout);
        var returns = await engine.WaitForCompletionAsync(await engine.StartAsync("ReturnsLarge", 600), EngineHarness.Timeout);
        var fits = await engine.WaitForCompletionAsync(await engine.StartAsync("ReturnsLarge", 400), EngineHarness.Timeout);

        Assert.Contains("the input of workflow 'TakesText'", refused.Message, StringComparison.Ordinal);
        Assert.Null(engine.GetInstance("too-large-input"));
        Assert.Equal(WorkflowStatus.Failed, sends.Status);
        Assert.Contains("the input of activity 'Length'", sends.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Failed, returns.Status);
        Assert.Contains("the output of workflow 'ReturnsLarge'", returns.Failure!.Message, StringComparison.Ordinal);
        Assert.Null(returns.Output);
        Assert.Equal(WorkflowStatus.Completed, fits.Status);
    }
}
