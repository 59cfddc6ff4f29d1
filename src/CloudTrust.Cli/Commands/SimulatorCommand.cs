using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Simulated;
using CloudTrust.Cli.Tenant;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust simulator</c>: runs a whole simulated tenant (Entra, Graph with a device fleet, Key Vault, relay and
/// the on-premises agent with a simulated AD) on HTTPS loopback until Ctrl+C, and writes the settings other
/// <c>cloudtrust</c> processes use with <c>--settings</c> or <c>--simulated</c>.
/// </summary>
public static class SimulatorCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var directory = new Option<string>("--dir") { Description = "Where tenant.json, the certificate, a sample plan.json and a sample rotation.json are written.", DefaultValueFactory = _ => SimulatedTenantOptions.DefaultDirectory };
        var port = new Option<int>("--port") { Description = "The loopback port; 0 for any free port.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "The fleet's seed (the same seed gives the same fleet).", DefaultValueFactory = _ => 20261122 };
        var devices = new Option<int>("--devices") { Description = "How many devices the fleet has (5 % pilot, 20 % early, 75 % broad, as the demo's).", DefaultValueFactory = _ => 3000 };
        var factor = new Option<double>("--time-factor") { Description = "Simulated seconds per real second (14400: 4 simulated hours a second).", DefaultValueFactory = _ => 14_400 };
        var command = new Command("simulator", "Run a simulated tenant with a device fleet and an on-premises agent until Ctrl+C.");
        command.Options.Add(directory);
        command.Options.Add(port);
        command.Options.Add(seed);
        command.Options.Add(devices);
        command.Options.Add(factor);
        command.SetAction((parse, _) => CommandGuard.RunAsync(parse, "simulator stopped", async scope =>
        {
            var terminal = scope.Terminal;
            var folder = OutputDirectory.Prepare("--dir", parse.GetValue(directory)!);
            var options = new SimulatedTenantOptions
            {
                Directory = folder,
                Port = parse.GetValue(port),
                Seed = parse.GetValue(seed),
                DeviceCount = parse.GetValue(devices),
                TimeFactor = parse.GetValue(factor),
            };
            await using var tenant = await SimulatedTenant.StartStoppableAsync(options, null, scope.Stopping);
            // --simulated finds ./cloudtrust-simulator/tenant.json; from anywhere else the settings file is named.
            string[] tenantOption = string.Equals(folder, Path.GetFullPath(SimulatedTenantOptions.DefaultDirectory), StringComparison.Ordinal)
                ? ["--simulated"]
                : ["--settings", Relative(tenant.SettingsPath)];
            terminal.Line(Tone.Good, $"simulated tenant {tenant.Endpoints.TenantId} at {tenant.Server.BaseAddress}");
            terminal.Line($"  Entra, Graph, Key Vault and relay  {tenant.Server.BaseAddress}");
            terminal.Line($"  fleet       {tenant.Intune.DeviceCount} devices: {string.Join(", ", tenant.Rings.Select(r => $"{r.Name} {SimulatedTenant.DevicesIn(r, options.DeviceCount)} ({r.GroupId})"))}");
            terminal.Line($"  agent       listening on the relay; forest {string.Join(", ", SimulatedTenant.Domains)}");
            terminal.Line($"  clock       x{options.TimeFactor} from {tenant.ClockSettings.SimulatedStart:u}");
            terminal.Line($"  settings    {tenant.SettingsPath}");
            terminal.Line($"  sample plan {tenant.PlanPath}");
            terminal.Line($"  rotation    {tenant.RotationPolicyPath} (sample policy; docs/ROTATION.md)");
            if (tenant.ClientSecretPath is { } secretPath)
            {
                terminal.Line($"the client secret was generated into {secretPath} (owner-only); in the shell that runs cloudtrust:");
                terminal.Line($"  export {TenantSettings.ClientSecretVariable}=$(cat {CliInvocation.Quote(secretPath)})");
            }
            else
            {
                terminal.Line($"the app's client secret is the one in {TenantSettings.ClientSecretVariable}");
            }

            terminal.Line($"then, in another shell here: {CliInvocation.Format(["rollout", "start", Relative(tenant.PlanPath), .. tenantOption])}");
            terminal.Line($"  or a rotation's dry run:    {CliInvocation.Format(["rotate", "plan", "--policy", Relative(tenant.RotationPolicyPath), .. tenantOption])}");
            terminal.Line("Ctrl+C here stops the simulator");
            try
            {
                await Task.Delay(Timeout.Infinite, scope.Stopping);
            }
            catch (OperationCanceledException)
            {
                terminal.Line("simulator stopped");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
