namespace CloudTrust.Core.Workflows;

/// <summary>Thrown into a workflow when a wait for an external event ran out of time.</summary>
public sealed class ExternalEventTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance of the <see cref="ExternalEventTimeoutException"/> class.</summary>
    /// <param name="eventName">The event that did not arrive.</param>
    /// <param name="timeout">How long the workflow waited.</param>
    public ExternalEventTimeoutException(string eventName, TimeSpan timeout)
        : base($"no '{eventName}' event arrived within {timeout}")
    {
        EventName = eventName;
        Timeout = timeout;
    }

    /// <summary>Gets the event that did not arrive.</summary>
    public string EventName { get; }

    /// <summary>Gets how long the workflow waited.</summary>
    public TimeSpan Timeout { get; }
}
