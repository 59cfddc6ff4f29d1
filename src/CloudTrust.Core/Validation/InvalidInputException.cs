namespace CloudTrust.Core.Validation;

/// <summary>Thrown when an input (a plan, a policy, a request) has problems; nothing was changed.</summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InvalidInputException"/> class.</summary>
    /// <param name="what">What was being read, for example <c>rotation policy</c>.</param>
    /// <param name="errors">Every problem found, with its path.</param>
    public InvalidInputException(string what, IReadOnlyList<ValidationError> errors)
        : base($"{what} is not valid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
