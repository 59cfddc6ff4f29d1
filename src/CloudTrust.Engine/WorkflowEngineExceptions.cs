namespace CloudTrust.Engine;

/// <summary>Base of the errors the engine's API raises for a request it refuses; nothing was changed.</summary>
public abstract class WorkflowEngineException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WorkflowEngineException"/> class.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="inner">The underlying error, if any.</param>
    protected WorkflowEngineException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>No workflow (or activity) is registered under the requested name.</summary>
/// <param name="message">What was wrong.</param>
public sealed class UnknownWorkflowException(string message) : WorkflowEngineException(message);

/// <summary>The input does not deserialize to the workflow's input type.</summary>
/// <param name="message">What was wrong.</param>
/// <param name="inner">The serializer's error.</param>
public sealed class InvalidWorkflowInputException(string message, Exception? inner = null) : WorkflowEngineException(message, inner);

/// <summary>An instance with that id exists already with another workflow or input.</summary>
/// <param name="message">What was wrong.</param>
public sealed class InstanceConflictException(string message) : WorkflowEngineException(message);

/// <summary>No instance has that id.</summary>
/// <param name="message">What was wrong.</param>
public sealed class InstanceNotFoundException(string message) : WorkflowEngineException(message);

/// <summary>The instance is in a status that does not allow the request (for example an event to a finished instance).</summary>
/// <param name="message">What was wrong.</param>
public sealed class InstanceStateException(string message) : WorkflowEngineException(message);

/// <summary>
/// A replayed workflow asked for something other than its journal recorded: the code changed under a running
/// instance, or it read the clock or random numbers directly. The instance fails with this error.
/// </summary>
/// <param name="message">Both the recorded and the requested step.</param>
public sealed class NonDeterministicWorkflowException(string message) : WorkflowEngineException(message);

/// <summary>
/// A custom status, input or output is larger than the engine's limits allow (see
/// <see cref="WorkflowEngineOptions.MaxCustomStatusBytes"/> and <see cref="WorkflowEngineOptions.MaxPayloadBytes"/>):
/// what the Durable Task service would reject, caught by the local engine too.
/// </summary>
/// <param name="message">What was too large, its size and the limit.</param>
public sealed class PayloadTooLargeException(string message) : WorkflowEngineException(message);
