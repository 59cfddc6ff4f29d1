namespace CloudTrust.Core.Workflows;

/// <summary>
/// What went wrong in an activity or workflow, in a form that can be journaled and shown to an admin.
/// Carries the error's type and message only: messages must never contain secrets.
/// </summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="Inner">The inner failure, if any.</param>
public sealed record WorkflowFailure(string ErrorType, string Message, WorkflowFailure? Inner = null)
{
    /// <summary>Builds a failure record from an exception and its inner exceptions.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The failure record.</returns>
    public static WorkflowFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new WorkflowFailure(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.InnerException is { } inner ? From(inner) : null);
    }

    /// <summary>Returns whether this failure (or an inner one) was raised by an exception of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The exception type to look for.</typeparam>
    /// <returns><c>true</c> when the type matches.</returns>
    public bool Is<T>()
        where T : Exception
        => ErrorType == typeof(T).FullName || (Inner?.Is<T>() ?? false);

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {Message}";
}
