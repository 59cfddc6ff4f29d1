using System.Security.Cryptography;

namespace CloudTrust.Engine.Tests;

/// <summary>Refused requests say what was wrong and leave the journal exactly as it was.</summary>
public sealed class BadInputTests
{
    private sealed record RingInput(string Name, int Size);

    private static WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddWorkflow<RingInput, int>("Ring", (_, input) => Task.FromResult(input.Size));

    private static async Task<(WorkflowEngine Engine, EngineHarness Harness)> WithOneFinishedInstance()
    {
        var harness = new EngineHarness();
        var engine = harness.Open(Registry());
        await engine.StartAsync("Ring", new RingInput("pilot", 10), "ring-1");
        await engine.WaitForCompletionAsync("ring-1", EngineHarness.Timeout);
        return (engine, harness);
    }

    [Fact]
    public async Task Starting_an_unknown_workflow_names_it_and_lists_the_known_ones()
    {
        var (engine, harness) = await WithOneFinishedInstance();
        await using var _ = harness;
        var before = engine.JournalCounts();

        var ex = await Assert.ThrowsAsync<UnknownWorkflowException>(() => engine.StartAsync("Rolout", new RingInput("x", 1)));

        Assert.Contains("'Rolout'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Ring", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, engine.JournalCounts());
    }

    [Fact]
    public async Task An_input_that_does_not_deserialize_is_refused_with_where_it_broke()
    {
        var (engine, harness) = await WithOneFinishedInstance();
        await using var _ = harness;
        var before = engine.JournalCounts();

        var ex = await Assert.ThrowsAsync<InvalidWorkflowInputException>(() => engine.StartJsonAsync("Ring", "{\"name\":\"pilot\",\"size\":\"ten\"}"));
        var malformed = await Assert.ThrowsAsync<InvalidWorkflowInputException>(() => engine.StartJsonAsync("Ring", "{\"name\":"));

        Assert.Contains("$.size", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RingInput", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(before, engine.JournalCounts());
    }

    [Fact]
    public async Task A_duplicate_instance_id_with_a_different_input_is_refused()
    {
        var (engine, harness) = await WithOneFinishedInstance();
        await using var _ = harness;
        var before = engine.JournalCounts();
        var instanceBefore = engine.GetInstance("ring-1");

        var ex = await Assert.ThrowsAsync<InstanceConflictException>(() => engine.StartAsync("Ring", new RingInput("pilot", 11), "ring-1"));

        Assert.Contains("ring-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, engine.JournalCounts());
        Assert.Equal(instanceBefore, engine.GetInstance("ring-1"));
    }

    [Fact]
    public async Task Raising_an_event_on_a_finished_or_missing_instance_is_refused()
    {
        var (engine, harness) = await WithOneFinishedInstance();
        await using var _ = harness;
        var before = engine.JournalCounts();

        var finished = await Assert.ThrowsAsync<InstanceStateException>(() => engine.RaiseEventAsync("ring-1", "approve", "yes"));
        var missing = await Assert.ThrowsAsync<InstanceNotFoundException>(() => engine.RaiseEventAsync("ring-9", "approve", "yes"));

        Assert.Contains("completed", finished.Message, StringComparison.Ordinal);
        Assert.Contains("ring-9", missing.Message, StringComparison.Ordinal);
        Assert.Equal(before, engine.JournalCounts());
    }

    [Fact]
    public async Task Refused_requests_leave_the_journal_file_byte_for_byte_unchanged()
    {
        var (engine, harness) = await WithOneFinishedInstance();
        await using var _ = harness;
        var before = Fingerprint(harness);

        await Assert.ThrowsAsync<UnknownWorkflowException>(() => engine.StartAsync("Nope", 1));
        await Assert.ThrowsAsync<InvalidWorkflowInputException>(() => engine.StartJsonAsync("Ring", "[1,2]"));
        await Assert.ThrowsAsync<InstanceConflictException>(() => engine.StartAsync("Ring", new RingInput("other", 1), "ring-1"));
        await Assert.ThrowsAsync<InstanceStateException>(() => engine.RaiseEventAsync("ring-1", "approve"));
        Assert.Throws<ArgumentException>(() => engine.StartAsync("Ring", new RingInput("x", 1), "bad\nid").GetAwaiter().GetResult());

        Assert.Equal(before, Fingerprint(harness));
    }

    private static string Fingerprint(EngineHarness harness)
    {
        var bytes = new List<byte>();
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            var path = harness.DatabasePath + suffix;
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                bytes.AddRange(SHA256.HashData(stream));
            }
        }

        return Convert.ToHexString([.. bytes]);
    }
}
