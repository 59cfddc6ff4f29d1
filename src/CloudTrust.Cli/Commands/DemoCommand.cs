using System.CommandLine;
using CloudTrust.Cli.Demo;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust demo</c>: the whole job against a simulated tenant on this machine — Kerberos server objects through the
/// relay and agent, the ring-by-ring rollout with a gate that fails and is approved, key rotation, and a report.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var directory = new Option<string>("--dir") { Description = "Where the journal, plan, simulated tenant's files and report go.", DefaultValueFactory = _ => "cloudtrust-demo" };
        var devices = new Option<int>("--devices") { Description = "Devices in the simulated fleet (100 to 50,000).", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "The fleet's seed (the same seed, the same fleet).", DefaultValueFactory = _ => 20261122 };
        var demo = new Command("demo", "Run everything against a simulated tenant on this machine: preflight, Kerberos server objects, rollout ring by ring, a failed gate approved, key rotation, report. About a minute.");
        demo.Options.Add(directory);
        demo.Options.Add(devices);
        demo.Options.Add(seed);
        demo.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; the demo's journal is kept in its directory", async scope =>
        {
            var count = parse.GetValue(devices);
            if (count is < 100 or > 50_000)
            {
                throw new InvalidInputException("demo", [new ValidationError("--devices", "must be from 100 to 50000")]);
            }

            if (scope.DatabaseArguments.Count > 0)
            {
                // The demo starts its journal afresh each run: it must never delete a journal named for real runs.
                throw new InvalidInputException("demo", [new ValidationError("--db", $"the demo keeps its own journal, started afresh each run, in its --dir ('{Path.Combine(parse.GetValue(directory)!, "demo.db")}'); it does not take --db")]);
            }

            return await new DemoRun(new DemoOptions(parse.GetValue(directory)!, count, parse.GetValue(seed)), scope).RunAsync(scope.Stopping);
        }));
        return demo;
    }
}
