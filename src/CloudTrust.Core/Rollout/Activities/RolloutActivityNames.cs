namespace CloudTrust.Core.Rollout.Activities;

/// <summary>The registered names of the activities the rollout workflow calls.</summary>
public static class RolloutActivityNames
{
    /// <summary>Reads on-premises readiness through the agent: domain controllers per site and ring users the object's policy denies.</summary>
    public const string CheckOnPremisesReadiness = "Rollout.CheckOnPremisesReadiness";

    /// <summary>Checks the Entra Kerberos server object of each AD domain.</summary>
    public const string CheckKerberosServers = "Rollout.CheckKerberosServers";

    /// <summary>Finds other policies that conflict with cloud trust on the plan's groups.</summary>
    public const string FindConflicts = "Rollout.FindConflicts";

    /// <summary>Creates or updates our profile so its settings match the plan.</summary>
    public const string EnsureProfile = "Rollout.EnsureProfile";

    /// <summary>Reads device and user readiness for a ring's groups.</summary>
    public const string AssessReadiness = "Rollout.AssessReadiness";

    /// <summary>Adds (or removes) groups in the profile's assignment list.</summary>
    public const string AssignGroups = "Rollout.AssignGroups";

    /// <summary>Reads the policy state of every device of a ring.</summary>
    public const string ReadRingStatus = "Rollout.ReadRingStatus";

    /// <summary>Uploads and assigns the ticket probe (Remediations detection script).</summary>
    public const string DeployTicketProbe = "Rollout.DeployTicketProbe";

    /// <summary>Summarises the ticket probe's device run states.</summary>
    public const string ReadTicketProbe = "Rollout.ReadTicketProbe";

    /// <summary>Resolves the plan's ring group display names to ids (creating missing ones when the plan says so).</summary>
    public const string ResolveRingGroups = "Rollout.ResolveRingGroups";

    /// <summary>Reads every source of WHfB settings (Intune and Group Policy) for all of a plan's rings in one pass (reads only), with trust-model evidence.</summary>
    public const string ReadHelloSources = "Rollout.ReadRingsHelloSources";

    /// <summary>Takes a ring's groups out of the certificate-trust policies' assignment lists (reversible).</summary>
    public const string DisableCertificateTrust = "Rollout.DisableCertificateTrust";

    /// <summary>Puts a ring's groups back into the certificate-trust policies' assignment lists (the undo of <see cref="DisableCertificateTrust"/>).</summary>
    public const string RestoreCertificateTrust = "Rollout.RestoreCertificateTrust";

    /// <summary>Deploys the Hello container deletion (Remediations, as the user) to a ring's groups: irreversible.</summary>
    public const string DeployContainerDeletion = "Rollout.DeployContainerDeletion";

    /// <summary>Reads how far a ring's users are through container deletion and provisioning WHfB again (reads only).</summary>
    public const string ReadReprovisioning = "Rollout.ReadReprovisioning";
}
