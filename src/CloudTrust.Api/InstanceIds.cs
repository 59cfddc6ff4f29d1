using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>Instance ids: derived from request ids (deterministic), and checked when they arrive in a route.</summary>
public static class InstanceIds
{
    /// <summary>What a request id must look like.</summary>
    public const string RequestIdRule = "must be 1 to 64 characters: letters, digits, '-' or '_'";

    private const int MaxLength = 100;

    /// <summary>Gets the rollout instance id for a request id: the same request always maps to the same instance.</summary>
    /// <param name="requestId">A valid request id.</param>
    /// <returns>The instance id.</returns>
    public static string ForRequest(string requestId)
    {
        if (!IsValidRequestId(requestId))
        {
            throw new ArgumentException(RequestIdRule, nameof(requestId));
        }

        return "rollout-" + requestId.ToLowerInvariant();
    }

    /// <summary>Gets a rotation's instance id: sortable by start time, apart from the rollouts' <c>rollout-</c> ids.</summary>
    /// <param name="startedAt">When it starts.</param>
    /// <param name="unique">A new GUID.</param>
    /// <returns>The instance id.</returns>
    public static string ForRotation(DateTimeOffset startedAt, Guid unique)
        => $"rotation-{startedAt.UtcDateTime:yyyyMMddHHmmss}-{unique:N}";

    /// <summary>Returns whether a request id is acceptable.</summary>
    /// <param name="requestId">The id.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidRequestId(string? requestId)
        => requestId is { Length: > 0 and <= 64 } && requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Checks an instance id taken from a route.</summary>
    /// <param name="id">The route value.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<ValidationError> CheckRouteId(string? id)
        => id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? []
            : [new ValidationError("id", $"must be 1 to {MaxLength} characters: letters, digits, '-', '_' or '.'")];
}
