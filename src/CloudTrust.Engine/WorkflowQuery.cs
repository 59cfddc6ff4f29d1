namespace CloudTrust.Engine;

/// <summary>A filter for listing workflow instances; every part is optional.</summary>
/// <param name="Name">Only instances of this workflow.</param>
/// <param name="Statuses">Only instances in one of these statuses.</param>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created before this time.</param>
/// <param name="Top">At most this many, newest first.</param>
public sealed record WorkflowQuery(
    string? Name = null,
    IReadOnlyCollection<WorkflowStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int Top = 1000);
