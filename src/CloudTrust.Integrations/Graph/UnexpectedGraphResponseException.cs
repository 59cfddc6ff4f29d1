namespace CloudTrust.Integrations.Graph;

/// <summary>
/// A Graph answer that is not what was asked for (a missing column or property, a value outside the published enum,
/// a page that makes no progress): the activity fails with the request and the field named, rather than count wrong.
/// </summary>
public sealed class UnexpectedGraphResponseException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="UnexpectedGraphResponseException"/> class.</summary>
    /// <param name="request">The method and path asked.</param>
    /// <param name="field">The response field at fault, for example <c>Schema[PolicyStatus]</c> or <c>joinType</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    public UnexpectedGraphResponseException(string request, string field, string problem)
        : base($"{request}: the response's {field} {problem}")
    {
        Request = request;
        Field = field;
    }

    /// <summary>Gets the method and path asked.</summary>
    public string Request { get; }

    /// <summary>Gets the response field at fault.</summary>
    public string Field { get; }
}
