using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Engine;
using Microsoft.Data.Sqlite;

namespace CloudTrust.Cli.Commands;

/// <summary>Opens the local journal for commands that only read it or send it operator commands.</summary>
public static class Journal
{
    /// <summary>Runs <paramref name="action"/> with an engine that reads the journal but runs nothing.</summary>
    /// <param name="parse">The parse result (for <c>--db</c>).</param>
    /// <param name="terminal">Where to report a missing journal.</param>
    /// <param name="action">The work.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> WithReadOnlyAsync(ParseResult parse, Terminal terminal, Func<WorkflowEngine, int> action)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(action);
        var path = parse.GetValue(GlobalOptions.Database)!;
        if (!File.Exists(path))
        {
            terminal.Error($"--db: no journal at '{Path.GetFullPath(path)}' (runs are kept where they were started; pass the same --db)");
            return ExitCodes.NotFound;
        }

        try
        {
            await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = path, RunInstances = false });
            return action(engine);
        }
        catch (SqliteException ex)
        {
            terminal.Error($"--db: '{path}' is not a readable CloudTrust journal: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
