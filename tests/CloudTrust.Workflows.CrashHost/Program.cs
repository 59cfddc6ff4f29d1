using System.Diagnostics;
using System.Globalization;
using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;
using CloudTrust.Engine;
using Microsoft.Extensions.Logging;

// --mode rollout|rotation --db F --settings F --id ID [--plan F] [--domains a,b] [--kill-after-commit N]
// Starts the instance (or takes over the one in the journal), and with --kill-after-commit kills its own process
// (SIGKILL, no clean-up) right after that many journal commits of this process. Prints "status=… commits=…" at the end.
var mode = Arg("--mode") ?? throw new ArgumentException("--mode is required");
var db = Arg("--db") ?? throw new ArgumentException("--db is required");
var settings = TenantSettings.Read(Arg("--settings") ?? throw new ArgumentException("--settings is required"));
var id = Arg("--id") ?? throw new ArgumentException("--id is required");
var killAfter = Arg("--kill-after-commit") is { } k ? long.Parse(k, CultureInfo.InvariantCulture) : (long?)null;
long commits = 0;
void AfterCommit(long n)
{
    commits = n;
    if (n == killAfter)
    {
        Process.GetCurrentProcess().Kill();
    }
}

var quiet = LoggerFactory.Create(b => b.AddFilter(_ => false));
WorkflowInstance done;
if (mode == "rollout")
{
    await using var host = RolloutHost.Open(db, settings, quiet, afterCommit: AfterCommit);
    if (host.Engine.GetInstance(id) is { } existing)
    {
        await host.TakeOverAsync(existing, CancellationToken.None);
    }
    else
    {
        await host.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(await File.ReadAllTextAsync(Arg("--plan")!)), id);
    }

    done = await host.Engine.WaitForCompletionAsync(id);
}
else
{
    await using var host = RotationHost.Open(db, settings, quiet, afterCommit: AfterCommit);
    if (host.Engine.GetInstance(id) is not null)
    {
        host.Engine.Recover();
    }
    else
    {
        var domains = Arg("--domains")!.Split(',');
        var policy = new RotationPolicy("0 0 3 * * 0", TimeSpan.FromDays(30), domains, null, false, false, TimeSpan.FromHours(6), TimeSpan.FromMinutes(5), CloudSignInPolicy.PasswordEverywhere);
        await host.Engine.StartAsync(KeyRotationWorkflow.Name, new RotationRequest(policy, RotationMode.Now, domains, "crash-sweep"), id);
    }

    done = await host.Engine.WaitForCompletionAsync(id);
}

Console.WriteLine($"status={done.Status} commits={commits}");
return done.Status == WorkflowStatus.Completed ? 0 : 1;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
