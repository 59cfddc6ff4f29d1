using System.Text.Json;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Tests;

public sealed class RunsCommandTests : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "cloudtrust-cli-tests", Guid.NewGuid().ToString("N"));

    private string Db => Path.Combine(dir, "journal.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, int>("Square", (_, n) => Task.FromResult(n * n))
            .AddWorkflow<int, int>("Broken", (_, _) => throw new InvalidOperationException("ring 2 gate failed"));
        await using var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = Db });
        await engine.StartAsync("Square", 7, "square-7");
        await engine.StartAsync("Broken", 0, "broken-1");
        await engine.WaitForCompletionAsync("square-7");
        await engine.WaitForCompletionAsync("broken-1");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Runs_list_json_shows_every_run_from_another_process()
    {
        var result = await CliProcess.RunAsync(["runs", "list", "--db", Db, "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var runs = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("Completed", runs["square-7"].GetProperty("status").GetString());
        Assert.Equal(49, runs["square-7"].GetProperty("output").GetInt32());
        Assert.Equal("Failed", runs["broken-1"].GetProperty("status").GetString());
        Assert.Contains("ring 2 gate failed", runs["broken-1"].GetProperty("failure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_list_filters_by_status_and_refuses_an_unknown_status()
    {
        var failed = await CliProcess.RunAsync(["runs", "list", "--db", Db, "--status", "failed"]);
        var unknown = await CliProcess.RunAsync(["runs", "list", "--db", Db, "--status", "exploded"]);

        Assert.Equal(0, failed.ExitCode);
        Assert.Contains("broken-1", failed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("square-7", failed.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--status: 'exploded' is not a status", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_show_exits_with_the_runs_outcome_and_4_for_an_unknown_id()
    {
        var ok = await CliProcess.RunAsync(["runs", "show", "square-7", "--db", Db]);
        var failed = await CliProcess.RunAsync(["runs", "show", "broken-1", "--db", Db]);
        var missing = await CliProcess.RunAsync(["runs", "show", "nope", "--db", Db]);

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("status    completed", ok.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("failure   ", failed.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("no run has id 'nope'", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_journal_is_reported_with_its_path()
    {
        var result = await CliProcess.RunAsync(["runs", "list", "--db", Path.Combine(dir, "absent.db")]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("absent.db", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "absent.db")));
    }
}
