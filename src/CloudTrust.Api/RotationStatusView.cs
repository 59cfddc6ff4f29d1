using System.Text.Json;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Api;

/// <summary>What <c>GET /api/rotations/{id}</c> answers: the run's state, each domain's phase and, once done, its report.</summary>
/// <param name="Id">The run (instance) id.</param>
/// <param name="RuntimeStatus">The Durable runtime status (Running, Completed, Failed, …).</param>
/// <param name="CreatedAt">When the run started.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="Phases">Each domain's phase (reading, awaiting approval, rotating, converging, done, …), from the custom status.</param>
/// <param name="Report">The report, once the run completed.</param>
public sealed record RotationStatusView(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    IReadOnlyDictionary<string, string> Phases,
    RotationReport? Report)
{
    /// <summary>Gets a value indicating whether the run waits for an approval.</summary>
    public bool AwaitsApproval => RuntimeStatus == "Running" && Phases.Values.Any(p => p == "awaiting approval");

    /// <summary>Builds the view from the instance's metadata.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="runtimeStatus">The runtime status.</param>
    /// <param name="createdAt">Created.</param>
    /// <param name="lastUpdatedAt">Last updated.</param>
    /// <param name="serializedCustomStatus">The custom status JSON (<c>{"phases":{…}}</c>), if any.</param>
    /// <param name="serializedOutput">The output JSON, if any.</param>
    /// <returns>The view; unreadable parts are left empty rather than failing the read.</returns>
    public static RotationStatusView From(string id, string runtimeStatus, DateTimeOffset createdAt, DateTimeOffset lastUpdatedAt, string? serializedCustomStatus, string? serializedOutput)
    {
        var phases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        RotationReport? report = null;
        try
        {
            if (!string.IsNullOrEmpty(serializedCustomStatus)
                && JsonDocument.Parse(serializedCustomStatus).RootElement is { ValueKind: JsonValueKind.Object } status
                && status.TryGetProperty("phases", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var phase in map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    phases[phase.Name] = phase.Value.GetString()!;
                }
            }

            if (runtimeStatus == "Completed" && !string.IsNullOrEmpty(serializedOutput))
            {
                report = JsonSerializer.Deserialize<RotationReport>(serializedOutput, ApiJson.Options);
            }
        }
        catch (JsonException)
        {
            // A status written by another version of the app: show what could be read.
        }

        return new RotationStatusView(id, runtimeStatus, createdAt, lastUpdatedAt, phases, report);
    }
}
