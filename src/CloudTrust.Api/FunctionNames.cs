using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Api;

/// <summary>
/// The one table of Durable function names: each Core workflow is an orchestrator and each activity the workflows
/// call is an activity function of the same name, so the workflows run unchanged in both hosts. The Functions project
/// uses these constants in its <c>[Function]</c> attributes; a test checks the table covers every activity name.
/// </summary>
public static class FunctionNames
{
    /// <summary>Gets the orchestrator functions.</summary>
    public static IReadOnlyList<string> Orchestrators { get; } = [RolloutWorkflow.Name, KeyRotationWorkflow.Name, EnsureKerberosServersWorkflow.Name];

    /// <summary>Gets the activity functions.</summary>
    public static IReadOnlyList<string> Activities { get; } =
    [
        RolloutActivityNames.CheckKerberosServers,
        RolloutActivityNames.FindConflicts,
        RolloutActivityNames.EnsureProfile,
        RolloutActivityNames.AssessReadiness,
        RolloutActivityNames.AssignGroups,
        RolloutActivityNames.ReadRingStatus,
        RolloutActivityNames.DeployTicketProbe,
        RolloutActivityNames.ReadTicketProbe,
        RotationActivities.ReadKerberosServer,
        RotationActivities.RotateKerberosServerKey,
        RotationActivities.RecordRotationAttempt,
        EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName,
    ];
}
