using System.CommandLine;

namespace CloudTrust.Cli.Commands;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    /// <summary>Gets the journal file option (the local engine's SQLite file).</summary>
    public static Option<string> Database { get; } = new("--db")
    {
        Description = "The local journal (SQLite file) every run is kept in. Default: $CLOUDTRUST_DB, else ./cloudtrust.db",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CLOUDTRUST_DB") is { Length: > 0 } fromEnvironment ? fromEnvironment : "cloudtrust.db",
        Recursive = true,
    };

    /// <summary>Gets the option that switches read commands to JSON output.</summary>
    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON instead of text (read commands).",
        Recursive = true,
    };

    /// <summary>Gets the option that switches colours off (as does the NO_COLOR environment variable).</summary>
    public static Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "No colours (also when NO_COLOR is set or the output is not a terminal).",
        Recursive = true,
    };
}
