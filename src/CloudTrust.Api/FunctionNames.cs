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
    public static IReadOnlyList<string> Orchestrators { get; } =
    [
        RolloutWorkflow.Name, RingVerificationWorkflow.Name, TicketProbeTrackingWorkflow.Name, ReprovisioningTrackingWorkflow.Name,
        KeyRotationWorkflow.Name, EnsureKerberosServersWorkflow.Name, KerberosRemovalWorkflow.Name,
    ];

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
        RolloutActivityNames.ResolveRingGroups,
        RolloutActivityNames.ReadHelloSources,
        RolloutActivityNames.DisableCertificateTrust,
        RolloutActivityNames.RestoreCertificateTrust,
        RolloutActivityNames.DeployContainerDeletion,
        RolloutActivityNames.ReadReprovisioning,
        RolloutActivityNames.CheckOnPremisesReadiness,
        RotationActivities.ReadKerberosServer,
        RotationActivities.RotateKerberosServerKey,
        RotationActivities.RecordRotationAttempt,
        EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName,
        RotationActivities.ReadLastRotation,
        RotationActivities.ReadKerberosServerDirectory,
        RotationActivities.QueueAttendedKerberosOperation,
        RotationActivities.ReadAttendedKerberosOperation,
        RotationActivities.CancelAttendedKerberosOperation,
        KerberosRemovalWorkflow.RemoveActivityName,
    ];

    /// <summary>
    /// The host's rule for a function name (Azure/azure-functions-host <c>Utility.FunctionNameValidationRegex</c>,
    /// case-insensitive): a letter, then up to 127 letters, digits, '_' or '-'; never <c>host</c>. The Core activity names
    /// with a dot (<c>Rollout.AssignGroups</c>) break it, so an activity function is named by <see cref="FunctionFor"/>.
    /// </summary>
    public const string HostNameRule = @"^[a-z][a-z0-9_\-]{0,127}$(?<!^host$)";

    /// <summary>Function name of <see cref="RolloutActivityNames.CheckKerberosServers"/>.</summary>
    public const string CheckKerberosServers = "Rollout_CheckKerberosServers";

    /// <summary>Function name of <see cref="RolloutActivityNames.FindConflicts"/>.</summary>
    public const string FindConflicts = "Rollout_FindConflicts";

    /// <summary>Function name of <see cref="RolloutActivityNames.EnsureProfile"/>.</summary>
    public const string EnsureProfile = "Rollout_EnsureProfile";

    /// <summary>Function name of <see cref="RolloutActivityNames.AssessReadiness"/>.</summary>
    public const string AssessReadiness = "Rollout_AssessReadiness";

    /// <summary>Function name of <see cref="RolloutActivityNames.AssignGroups"/>.</summary>
    public const string AssignGroups = "Rollout_AssignGroups";

    /// <summary>Function name of <see cref="RolloutActivityNames.ReadRingStatus"/>.</summary>
    public const string ReadRingStatus = "Rollout_ReadRingStatus";

    /// <summary>Function name of <see cref="RolloutActivityNames.DeployTicketProbe"/>.</summary>
    public const string DeployTicketProbe = "Rollout_DeployTicketProbe";

    /// <summary>Function name of <see cref="RolloutActivityNames.ReadTicketProbe"/>.</summary>
    public const string ReadTicketProbe = "Rollout_ReadTicketProbe";

    /// <summary>Function name of <see cref="RolloutActivityNames.ResolveRingGroups"/>.</summary>
    public const string ResolveRingGroups = "Rollout_ResolveRingGroups";

    /// <summary>Function name of <see cref="RolloutActivityNames.ReadHelloSources"/>.</summary>
    public const string ReadHelloSources = "Rollout_ReadRingsHelloSources";

    /// <summary>Function name of <see cref="RolloutActivityNames.DisableCertificateTrust"/>.</summary>
    public const string DisableCertificateTrust = "Rollout_DisableCertificateTrust";

    /// <summary>Function name of <see cref="RolloutActivityNames.RestoreCertificateTrust"/>.</summary>
    public const string RestoreCertificateTrust = "Rollout_RestoreCertificateTrust";

    /// <summary>Function name of <see cref="RolloutActivityNames.DeployContainerDeletion"/>.</summary>
    public const string DeployContainerDeletion = "Rollout_DeployContainerDeletion";

    /// <summary>Function name of <see cref="RolloutActivityNames.ReadReprovisioning"/>.</summary>
    public const string ReadReprovisioning = "Rollout_ReadReprovisioning";

    /// <summary>Function name of <see cref="RolloutActivityNames.CheckOnPremisesReadiness"/>.</summary>
    public const string CheckOnPremisesReadiness = "Rollout_CheckOnPremisesReadiness";

    /// <summary>Function name of <see cref="RotationActivities.ReadKerberosServer"/>.</summary>
    public const string ReadKerberosServer = RotationActivities.ReadKerberosServer;

    /// <summary>Function name of <see cref="RotationActivities.RotateKerberosServerKey"/>.</summary>
    public const string RotateKerberosServerKey = RotationActivities.RotateKerberosServerKey;

    /// <summary>Function name of <see cref="RotationActivities.RecordRotationAttempt"/>.</summary>
    public const string RecordRotationAttempt = RotationActivities.RecordRotationAttempt;

    /// <summary>Function name of <see cref="RotationActivities.ReadKerberosServerDirectory"/>.</summary>
    public const string ReadKerberosServerDirectory = RotationActivities.ReadKerberosServerDirectory;

    /// <summary>Function name of <see cref="RotationActivities.ReadLastRotation"/>.</summary>
    public const string ReadLastRotation = RotationActivities.ReadLastRotation;

    /// <summary>Function name of <see cref="RotationActivities.QueueAttendedKerberosOperation"/>.</summary>
    public const string QueueAttendedKerberosOperation = RotationActivities.QueueAttendedKerberosOperation;

    /// <summary>Function name of <see cref="RotationActivities.ReadAttendedKerberosOperation"/>.</summary>
    public const string ReadAttendedKerberosOperation = RotationActivities.ReadAttendedKerberosOperation;

    /// <summary>Function name of <see cref="RotationActivities.CancelAttendedKerberosOperation"/>.</summary>
    public const string CancelAttendedKerberosOperation = RotationActivities.CancelAttendedKerberosOperation;

    /// <summary>Function name of <see cref="KerberosRemovalWorkflow.RemoveActivityName"/>.</summary>
    public const string RemoveKerberosServer = KerberosRemovalWorkflow.RemoveActivityName;

    /// <summary>Function name of <see cref="EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName"/>.</summary>
    public const string EnsureKerberosServer = EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName;

    /// <summary>
    /// The activity function that runs a Core activity: the Core name with each '.' made '_' (the constants above);
    /// names that already fit the host's rule are kept. The Durable workflow context calls activities through it.
    /// </summary>
    /// <param name="activityName">The name the workflow calls.</param>
    /// <returns>The function name.</returns>
    public static string FunctionFor(string activityName)
    {
        ArgumentNullException.ThrowIfNull(activityName);
        return activityName.Replace('.', '_');
    }
}
