using System.Text.Json;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Commands;

/// <summary>A run as the CLI prints it in JSON: custom status and output as JSON values, not strings.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Status">The status.</param>
/// <param name="Reason">Why an operator suspended or terminated it.</param>
/// <param name="Progress">The custom status.</param>
/// <param name="Output">The output.</param>
/// <param name="Failure">The failure message.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="CompletedAt">When it finished.</param>
public sealed record RunView(
    string Id,
    string Workflow,
    WorkflowStatus Status,
    string? Reason,
    JsonElement? Progress,
    JsonElement? Output,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Builds the view of an instance.</summary>
    /// <param name="run">The instance.</param>
    /// <returns>The view.</returns>
    public static RunView From(WorkflowInstance run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.InstanceId, run.Name, run.Status, run.StatusReason, Parse(run.CustomStatus), Parse(run.Output), run.Failure?.Message, run.CreatedAt, run.UpdatedAt, run.CompletedAt);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
