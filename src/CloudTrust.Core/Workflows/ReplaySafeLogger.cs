using Microsoft.Extensions.Logging;

namespace CloudTrust.Core.Workflows;

/// <summary>A logger that drops every entry while its workflow replays, so each line is written once.</summary>
/// <param name="inner">The logger to write to.</param>
/// <param name="isReplaying">Tells whether the workflow is replaying right now.</param>
public sealed class ReplaySafeLogger(ILogger inner, Func<bool> isReplaying) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
        => inner.BeginScope(state);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => !isReplaying() && inner.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!isReplaying())
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
