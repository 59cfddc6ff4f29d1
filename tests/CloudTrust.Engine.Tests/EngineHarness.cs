using CloudTrust.Engine;
using Microsoft.Extensions.Time.Testing;

namespace CloudTrust.Engine.Tests;

/// <summary>A temporary journal file and a fake clock; opens engines on them (several in turn to simulate restarts).</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly List<WorkflowEngine> engines = [];

    public EngineHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cloudtrust-engine-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "journal.db");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public WorkflowEngine Open(WorkflowRegistry registry, bool runInstances = true, Func<WorkflowEngineOptions, WorkflowEngineOptions>? configure = null)
    {
        var options = new WorkflowEngineOptions
        {
            DatabasePath = DatabasePath,
            RunInstances = runInstances,
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        var engine = new WorkflowEngine(registry, configure?.Invoke(options) ?? options, Time);
        engines.Add(engine);
        return engine;
    }

    /// <summary>Advances the fake clock in steps until the instance is final or suspended.</summary>
    public async Task<WorkflowInstance> DriveAsync(WorkflowEngine engine, string instanceId, TimeSpan step)
    {
        var token = Timeout;
        while (true)
        {
            var instance = engine.GetInstance(instanceId)!;
            if (instance.Status.IsFinal() || instance.Status == WorkflowStatus.Suspended)
            {
                return instance;
            }

            if (instance.Status == WorkflowStatus.Waiting)
            {
                Time.Advance(step);
            }

            await Task.Delay(5, token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in engines)
        {
            await engine.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
