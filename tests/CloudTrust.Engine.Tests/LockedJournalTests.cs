using CloudTrust.Core.Workflows;
using Microsoft.Data.Sqlite;

using CloudTrust.Tests.Shared;

namespace CloudTrust.Engine.Tests;

public sealed class LockedJournalTests
{
    [Fact]
    public async Task A_journal_locked_by_another_process_pauses_the_run_which_then_finishes_without_repeating_a_step()
    {
        await using var harness = new EngineHarness();
        var ran = new List<int>();
        var stepTwoDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lockTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Step", async (n, _) =>
            {
                lock (ran)
                {
                    ran.Add(n);
                }

                if (n == 2)
                {
                    stepTwoDone.TrySetResult();
                    await lockTaken.Task; // its answer is journaled while the other process holds the lock
                }

                return n;
            })
            .AddWorkflow<int, int>("ThreeSteps", async (ctx, _) =>
            {
                var sum = 0;
                for (var i = 1; i <= 3; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Step", i);
                }

                return sum;
            });

        // Another process's writer: an open write transaction holds the file's lock.
        using var other = new SqliteConnection($"Data Source={harness.DatabasePath};Pooling=False");
        var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = harness.DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(50) }, harness.Time);
        await using var _ = engine;
        other.Open();
        using (var pragma = other.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000;";
            pragma.ExecuteNonQuery();
        }

        SqliteTransaction? held = null;
        var id = await engine.StartAsync("ThreeSteps", 0);
        await stepTwoDone.Task.WaitAsync(EngineHarness.Timeout);
        held = other.BeginTransaction(deferred: false);
        lockTaken.SetResult();
        await Task.Delay(400);
        var whileLocked = engine.GetInstance(id)!;
        held.Commit();

        var done = await engine.WaitForCompletionAsync(id, EngineHarness.Timeout);

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(6, done.ReadOutputAs<int>());
        Assert.NotEqual(WorkflowStatus.Completed, whileLocked.Status);
        Assert.Equal([1, 2, 3], ran);
        ReliabilityLedger.Record("journal-faults", "SQLite journal locked by another process", 1, duplicates: ran.Count - ran.Distinct().Count());
    }
}
