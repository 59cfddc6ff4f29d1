using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>An RFC 7807 problem body; <see cref="Errors"/> names each field that was wrong.</summary>
/// <param name="Type">A URI reference for the kind of problem.</param>
/// <param name="Title">A short summary.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">What was wrong, in one sentence.</param>
/// <param name="Errors">Each field and what was wrong with it.</param>
public sealed record ApiProblem(string Type, string Title, int Status, string Detail, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>The media type of a problem body.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>A 400 for invalid input.</summary>
    /// <param name="what">What was being read, for example <c>the request body</c>.</param>
    /// <param name="errors">The problems.</param>
    /// <returns>The problem.</returns>
    public static ApiProblem Invalid(string what, IReadOnlyList<ValidationError> errors)
        => new("https://cloudtrust.dev/problems/invalid-input", "Invalid input", 400, $"{what} is not valid: {string.Join("; ", errors.Select(e => e.ToString()))}", errors);

    /// <summary>A 404 for an unknown instance.</summary>
    /// <param name="id">The id asked for.</param>
    /// <returns>The problem.</returns>
    public static ApiProblem NotFound(string id)
        => new("https://cloudtrust.dev/problems/not-found", "Not found", 404, $"no rollout has id '{id}'", [new ValidationError("id", "unknown")]);
}
