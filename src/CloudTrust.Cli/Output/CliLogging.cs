using Microsoft.Extensions.Logging;

namespace CloudTrust.Cli.Output;

/// <summary>
/// The CLI's loggers: silent by default, so normal output carries only what the command prints; with
/// <c>CLOUDTRUST_LOG=debug|information|warning|error</c> the libraries' log lines go to standard error at that level.
/// </summary>
internal static class CliLogging
{
    /// <summary>The environment variable that turns library logs on.</summary>
    public const string Variable = "CLOUDTRUST_LOG";

    /// <summary>Creates the logger factory for one command.</summary>
    /// <returns>The factory; the caller disposes it.</returns>
    public static ILoggerFactory Create()
    {
        var level = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text && Enum.TryParse<LogLevel>(text, ignoreCase: true, out var parsed) ? parsed : LogLevel.None;
        return LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(level);
            if (level != LogLevel.None)
            {
                b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
        });
    }
}
