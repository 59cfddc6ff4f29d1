using System.CommandLine;
using CloudTrust.Cli.Output;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// What a running command has to hand: its parse result, where it writes, the token Ctrl+C or SIGTERM cancels, the
/// hint to print when it is stopped, and the options the user gave that every printed next command must carry.
/// </summary>
internal sealed class CommandScope(ParseResult parse, Terminal terminal, CancellationToken stopping, string stoppedHint)
{
    /// <summary>Gets the parse result.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>Gets where the command writes.</summary>
    public Terminal Terminal { get; } = terminal;

    /// <summary>Gets the token cancelled by Ctrl+C or SIGTERM.</summary>
    public CancellationToken Stopping { get; } = stopping;

    /// <summary>Gets or sets what is printed when the command is stopped (it can name the run once one is started).</summary>
    public string StoppedHint { get; set; } = stoppedHint;

    /// <summary>Gets a value indicating whether <c>--json</c> was given.</summary>
    public bool Json => Parse.GetValue(GlobalOptions.Json);

    /// <summary>Gets the journal path.</summary>
    public string Database => Parse.GetValue(GlobalOptions.Database)!;

    /// <summary>Gets <c>--db</c> as the user gave it (nothing when the default was used).</summary>
    public IReadOnlyList<string> DatabaseArguments
        => Parse.GetResult(GlobalOptions.Database) is { Implicit: false } ? ["--db", Database] : [];

    /// <summary>Gets the tenant option as the user gave it (<c>--settings F</c> or <c>--simulated</c>), if the command has one.</summary>
    public IReadOnlyList<string> TenantArguments
        => Parse.GetResult(TenantChoice.Settings) is { Implicit: false } && Parse.GetValue(TenantChoice.Settings) is { } path ? ["--settings", path]
            : Parse.GetResult(TenantChoice.Simulated) is { Implicit: false } && Parse.GetValue(TenantChoice.Simulated) ? ["--simulated"]
            : [];

    /// <summary>Formats a next command with the tenant option and <c>--db</c> the user gave.</summary>
    /// <param name="arguments">The command's own arguments.</param>
    /// <returns>The command line, runnable as printed from this directory.</returns>
    public string Next(params string[] arguments) => CliInvocation.Format([.. arguments, .. TenantArguments, .. DatabaseArguments]);

    /// <summary>Formats a next command that reads the journal only (carries <c>--db</c>, not the tenant).</summary>
    /// <param name="arguments">The command's own arguments.</param>
    /// <returns>The command line.</returns>
    public string NextReading(params string[] arguments) => CliInvocation.Format([.. arguments, .. DatabaseArguments]);
}
