using System.Diagnostics;
using System.Globalization;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine;

// Runs a multi-step workflow on a journal file. With --kill-after-commit N it kills its own process (SIGKILL,
// no clean-up) right after the N-th journal commit, so tests can crash it at every step and then resume it.
// Each step appends one line to the side-effect file, so tests can count how often each step really ran.
// --scenario steps (default): activities, a timer, an event wait; children: a parent with two sub-workflows run
// together and one after; loop: a polling loop that continues as new every two polls.
var db = Arg("--db") ?? throw new ArgumentException("--db is required");
var scenario = Arg("--scenario") ?? "steps";
var effects = Arg("--effects") ?? throw new ArgumentException("--effects is required");
var killAfter = Arg("--kill-after-commit") is { } k ? long.Parse(k, CultureInfo.InvariantCulture) : (long?)null;
long commits = 0;
var effectsGate = new Lock();

var registry = new WorkflowRegistry()
    .AddActivity<int, int>("Step", (n, _) =>
    {
        // Sub-workflows run steps at the same time: one writer at a time keeps each line whole.
        lock (effectsGate)
        {
            File.AppendAllText(effects, $"step-{n}\n");
        }

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
    })
    .AddWorkflow<int, int>("Ring", async (ctx, n) =>
    {
        await ctx.CreateTimer(TimeSpan.FromMilliseconds(20));
        return await ctx.CallActivityAsync<int>("Step", n);
    })
    .AddWorkflow<int, int>("Rings", async (ctx, _) =>
    {
        // Two children at once, then one more after an activity of the parent's own.
        var together = await Task.WhenAll(
            ctx.CallSubWorkflowAsync<int>("Ring", 1, $"{ctx.InstanceId}/ring-1"),
            ctx.CallSubWorkflowAsync<int>("Ring", 2, $"{ctx.InstanceId}/ring-2"));
        var own = await ctx.CallActivityAsync<int>("Step", 3);
        var last = await ctx.CallSubWorkflowAsync<int>("Ring", 4, $"{ctx.InstanceId}/ring-4");
        return together.Sum() + own + last + 1000;
    })
    .AddWorkflow<int[], int>("Loop", async (ctx, state) =>
    {
        // state: [next step, last step, sum so far]; two polls per execution, then continue as new.
        var (next, last, sum) = (state[0], state[1], state[2]);
        for (var i = 0; i < 2 && next <= last; i++, next++)
        {
            ctx.SetCustomStatus(new { step = next });
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(10));
            sum += await ctx.CallActivityAsync<int>("Step", next);
        }

        if (next <= last)
        {
            ctx.ContinueAsNew(new[] { next, last, sum });
            return 0;
        }

        return sum + 1000;
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

// A resumed run takes the instance up from the journal: a loop that continued as new holds another input by now.
_ = engine.GetInstance("crash-sweep") is not null ? "crash-sweep" : scenario switch
{
    "children" => await engine.StartAsync("Rings", 0, "crash-sweep"),
    "loop" => await engine.StartAsync("Loop", new[] { 1, 5, 0 }, "crash-sweep"),
    _ => await engine.StartAsync("Steps", 5, "crash-sweep"),
};
var done = await engine.WaitForCompletionAsync("crash-sweep");

// How often each instance began an execution: a child started twice, or a continue-as-new journaled twice, shows here.
var starts = new[] { "crash-sweep", "crash-sweep/ring-1", "crash-sweep/ring-2", "crash-sweep/ring-4" }
    .Select(id => $"{id}:{engine.GetExecutions(id).Sum(e => e.Count(h => h.Kind == CloudTrust.Engine.Journal.HistoryEventKind.ExecutionStarted))}");
// How many activity results were journaled, over every instance and execution: one per step when none completed twice.
var completions = new[] { "crash-sweep", "crash-sweep/ring-1", "crash-sweep/ring-2", "crash-sweep/ring-4" }
    .Sum(id => engine.GetExecutions(id).Sum(e => e.Count(h => h.Kind == CloudTrust.Engine.Journal.HistoryEventKind.ActivityCompleted)));
Console.WriteLine($"status={done.Status} output={done.Output} commits={commits} starts={string.Join(',', starts)} completions={completions}");
return done.Status == WorkflowStatus.Completed ? 0 : 1;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
