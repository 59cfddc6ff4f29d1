using System.Diagnostics;
using System.Globalization;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine;

// Runs a multi-step workflow on a journal file. With --kill-after-commit N it kills its own process (SIGKILL,
// no clean-up) right after the N-th journal commit, so tests can crash it at every step and then resume it.
// Each step appends one line to the side-effect file, so tests can count how often each step really ran.
var db = Arg("--db") ?? throw new ArgumentException("--db is required");
var effects = Arg("--effects") ?? throw new ArgumentException("--effects is required");
var killAfter = Arg("--kill-after-commit") is { } k ? long.Parse(k, CultureInfo.InvariantCulture) : (long?)null;
long commits = 0;

var registry = new WorkflowRegistry()
    .AddActivity<int, int>("Step", (n, _) =>
    {
        File.AppendAllText(effects, $"step-{n}\n");
        return Task.FromResult(n * n);
    })
    .AddWorkflow<int, int>("Steps", async (ctx, count) =>
    {
        var sum = 0;
        for (var i = 1; i <= count; i++)
        {
            ctx.SetCustomStatus(new { step = i });
            sum += await ctx.CallActivityAsync<int>("Step", i);
            if (i == 2)
            {
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(30));
            }

            if (i == 3)
            {
                try
                {
                    await ctx.WaitForExternalEvent<string>("nudge", TimeSpan.FromMilliseconds(30));
                }
                catch (ExternalEventTimeoutException)
                {
                    sum += 1000;
                }
            }
        }

        return sum;
    });

await using var engine = new WorkflowEngine(registry, new WorkflowEngineOptions
{
    DatabasePath = db,
    PollInterval = TimeSpan.FromMilliseconds(10),
    AfterCommit = n =>
    {
        commits = n;
        if (n == killAfter)
        {
            Process.GetCurrentProcess().Kill();
        }
    },
});

engine.Recover();
await engine.StartAsync("Steps", 5, "crash-sweep");
var done = await engine.WaitForCompletionAsync("crash-sweep");
Console.WriteLine($"status={done.Status} output={done.Output} commits={commits}");
return done.Status == WorkflowStatus.Completed ? 0 : 1;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
