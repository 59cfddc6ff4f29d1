using System.Text.Json;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine;

/// <summary>A workflow instance as stored in the journal.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The workflow's registered name.</param>
/// <param name="Input">The input as JSON.</param>
/// <param name="Status">Where the instance stands.</param>
/// <param name="CustomStatus">The workflow's custom status as JSON, if any.</param>
/// <param name="Output">The output as JSON, once completed.</param>
/// <param name="Failure">What went wrong, once failed.</param>
/// <param name="StatusReason">Why an operator suspended or terminated it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="CompletedAt">When it reached a final status.</param>
public sealed record WorkflowInstance(
    string InstanceId,
    string Name,
    string? Input,
    WorkflowStatus Status,
    string? CustomStatus,
    string? Output,
    WorkflowFailure? Failure,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Reads the output as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="options">The serializer options; the engine's defaults when omitted.</param>
    /// <returns>The output, or default when there is none.</returns>
    public T? ReadOutputAs<T>(JsonSerializerOptions? options = null)
        => Output is null ? default : JsonSerializer.Deserialize<T>(Output, options ?? EngineJson.Options);

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The custom status type.</typeparam>
    /// <param name="options">The serializer options; the engine's defaults when omitted.</param>
    /// <returns>The custom status, or default when there is none.</returns>
    public T? ReadCustomStatusAs<T>(JsonSerializerOptions? options = null)
        => CustomStatus is null ? default : JsonSerializer.Deserialize<T>(CustomStatus, options ?? EngineJson.Options);
}
