namespace CloudTrust.Integrations.Relay;

/// <summary>Thrown by relay activities when the relay or agent was unreachable, so the workflow's retry policy applies.</summary>
public sealed class RelayUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RelayUnavailableException"/> class.</summary>
    public RelayUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RelayUnavailableException"/> class.</summary>
    /// <param name="message">The message; never a secret.</param>
    public RelayUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RelayUnavailableException"/> class.</summary>
    /// <param name="message">The message; never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public RelayUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
