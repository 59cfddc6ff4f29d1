using System.Text.RegularExpressions;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// How the user ran this <c>cloudtrust</c>, so every command it prints runs as printed: <c>cloudtrust</c> when the
/// installed tool is on PATH, <c>dotnet run --project src/CloudTrust.Cli --</c> from a clone of the repository, or
/// <c>dotnet path/cloudtrust.dll</c> when the built assembly was run directly.
/// </summary>
internal static partial class CliInvocation
{
    private const string ToolName = "cloudtrust";

    /// <summary>Gets the words that start a <c>cloudtrust</c> command line as the user ran it.</summary>
    public static string Prefix { get; } = Detect();

    /// <summary>Formats a command line: the invocation, then each argument quoted for a POSIX shell when it needs it.</summary>
    /// <param name="arguments">The arguments after the invocation.</param>
    /// <returns>The line.</returns>
    public static string Format(IEnumerable<string> arguments) => string.Join(' ', [Prefix, .. arguments.Select(Quote)]);

    /// <summary>Quotes one argument for a POSIX shell, when it holds anything but plain path and word characters.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>The argument as typed.</returns>
    public static string Quote(string argument)
        => argument.Length > 0 && PlainWord().IsMatch(argument) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Detect()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == ToolName)
        {
            if (IsOnPath(process))
            {
                return ToolName;
            }

            return ProjectDirectory() is { } project ? $"dotnet run --project {Quote(Relative(project))} --" : Quote(process);
        }

        // The dotnet host ran the assembly: `dotnet …/cloudtrust.dll`.
        return "dotnet " + Quote(Relative(typeof(CliInvocation).Assembly.Location));
    }

    /// <summary>Whether <c>cloudtrust</c> on PATH is this very executable (the installed .NET tool's shim).</summary>
    private static bool IsOnPath(string process)
    {
        var here = Path.GetFullPath(process);
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, Path.GetFileName(process));
            if (File.Exists(candidate))
            {
                return string.Equals(Path.GetFullPath(candidate), here, StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>The CLI project's directory when this executable was built from a clone (src/CloudTrust.Cli/bin/…).</summary>
    private static string? ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudTrust.Cli.csproj")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    [GeneratedRegex("^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex PlainWord();
}
