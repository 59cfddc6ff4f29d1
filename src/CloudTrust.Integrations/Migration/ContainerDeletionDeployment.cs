using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Migration;

/// <summary>
/// Ships the Hello container deletion as one Intune Remediations script (beta <c>deviceHealthScripts</c>, run as the
/// user): found again by the marker in its description, created once, and assigned ring by ring — the ring's groups
/// are added to the list read back from the script, so earlier rings stay assigned.
/// </summary>
internal sealed partial class ContainerDeletionDeployment(GraphConnection graph, ILogger<ContainerDeletionDeployment> logger)
{
    /// <summary>The marker in the script's description that identifies it.</summary>
    public const string Marker = "[cloudtrust:hello-container-deletion]";

    /// <summary>The script's display name in Intune.</summary>
    public const string ScriptName = "CloudTrust WHfB container deletion (certificate trust to cloud trust)";

    private const string Root = "deviceManagement/deviceHealthScripts";

    public static string DetectionScript => DeviceHealthScripts.Embedded("CloudTrust.HelloContainer.Detect.ps1");

    public static string RemediationScript => DeviceHealthScripts.Embedded("CloudTrust.HelloContainer.Remove.ps1");

    public async Task<ContainerDeletionResult> DeployAsync(IReadOnlyList<Guid> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        var scripts = new DeviceHealthScripts(graph.Beta);
        var (id, created) = await scripts.EnsureAsync(
            s => s.Description?.Contains(Marker, StringComparison.Ordinal) ?? false,
            new HealthScriptDefinition(
                ScriptName,
                "Deletes each user's Windows Hello for Business container once (certutil.exe -deletehellocontainer), so they provision again under cloud Kerberos trust. " + Marker,
                DetectionScript,
                RemediationScript),
            cancellationToken);
        if (created)
        {
            LogCreated(id);
        }

        var current = await scripts.ReadAssignmentsAsync(id, cancellationToken);
        var assigned = current.Select(a => a.GroupId).OfType<Guid>().ToHashSet();
        var added = groupIds.Where(g => !assigned.Contains(g)).Distinct().ToList();
        if (added.Count > 0)
        {
            await scripts.AssignAsync(id, current.Select(a => a.Target), added, runRemediation: true, cancellationToken);
            LogAssigned(id, added.Count, assigned.Count + added.Count);
        }

        return new ContainerDeletionResult(id, created, [.. assigned.Concat(added)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the Hello container deletion script ({ScriptId})")]
    private partial void LogCreated(string scriptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hello container deletion ({ScriptId}) assigned to {Added} more group(s); {Count} in all")]
    private partial void LogAssigned(string scriptId, int added, int count);
}
