using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Core.Validation;
using Microsoft.Data.Sqlite;

namespace CloudTrust.Cli.Commands;

/// <summary>Runs a command body, turning bad input into exit code 2 with each problem named, and Ctrl+C into a kept run.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(ParseResult parse, string stoppedHint, Func<Terminal, Task<int>> body)
    {
        var terminal = Terminal.ForConsole(parse.GetValue(GlobalOptions.NoColor));
        try
        {
            return await body(terminal);
        }
        catch (InvalidInputException ex)
        {
            foreach (var error in ex.Errors)
            {
                terminal.Error(error.ToString());
            }

            return ExitCodes.BadInput;
        }
        catch (SqliteException ex)
        {
            terminal.Error($"--db: the journal cannot be used: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            terminal.Error(stoppedHint);
            return ExitCodes.NeedsAttention;
        }
    }
}
