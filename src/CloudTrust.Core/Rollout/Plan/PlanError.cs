namespace CloudTrust.Core.Rollout.Plan;

/// <summary>One problem in a rollout plan, located by a JSON path such as <c>rings[1].groupIds[0]</c>.</summary>
/// <param name="Path">Where the problem is (empty for the document as a whole).</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlanError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
