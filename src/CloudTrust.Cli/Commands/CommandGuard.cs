using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Core.Validation;
using CloudTrust.Engine;
using Microsoft.Data.Sqlite;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// The one error path of every command: bad input (a missing, unreadable or unwritable file or folder, an invalid
/// value, a journal that cannot be used, a run in the wrong state) becomes exit code 2 with each problem named; Ctrl+C
/// and SIGTERM cancel the command's token and print its stopped hint; anything unexpected is one error line, exit 1.
/// No stack trace reaches the user.
/// </summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(ParseResult parse, string stoppedHint, Func<CommandScope, Task<int>> body)
    {
        var terminal = Terminal.ForConsole(parse.GetValue(GlobalOptions.NoColor), parse.GetValue(GlobalOptions.Json));
        using var shutdown = new ShutdownSignal(CancellationToken.None);
        var scope = new CommandScope(parse, terminal, shutdown.Token, stoppedHint);
        try
        {
            return await body(scope);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            terminal.EndProgress();
            terminal.Error(scope.StoppedHint);
            return ExitCodes.NeedsAttention;
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
            terminal.Error($"--db: the journal '{Path.GetFullPath(scope.Database)}' cannot be used: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            terminal.Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (InstanceStateException ex)
        {
            terminal.Error(ex.Message + "; nothing changed");
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            terminal.Error($"{ex.Message} ({ex.GetType().Name})");
            return ExitCodes.Failed;
        }
    }
}
