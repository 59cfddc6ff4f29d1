using System.CommandLine;
using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Output;

namespace CloudTrust.Cli;

/// <summary>The <c>cloudtrust</c> command tree.</summary>
public static class CliApplication
{
    /// <summary>Builds the root command with every subcommand.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "CloudTrust rolls out Windows Hello for Business cloud Kerberos trust ring by ring and keeps it healthy.\n"
            + ExitCodes.Summary);
        root.Options.Add(GlobalOptions.Database);
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.NoColor);
        root.Subcommands.Add(RunsCommand.Build());
        root.Subcommands.Add(RotateCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(PlanCommand.Build());
        root.Subcommands.Add(RolloutCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(KerberosCommand.Build());
        root.Subcommands.Add(SimulatorCommand.Build());
        return root;
    }

    /// <summary>Parses and runs a command line; usage errors exit with <see cref="ExitCodes.BadInput"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            var terminal = Terminal.ForConsole(noColorOption: true);
            foreach (var error in parse.Errors)
            {
                terminal.Error(error.Message);
            }

            terminal.Error($"run '{CliInvocation.Format(["--help"])}' for the commands and options");
            return ExitCodes.BadInput;
        }

        // Each command turns Ctrl+C and SIGTERM into its own stop (CommandGuard), and reports its own errors.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
    }
}
