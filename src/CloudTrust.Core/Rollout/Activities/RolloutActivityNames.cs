namespace CloudTrust.Core.Rollout.Activities;

/// <summary>The registered names of the activities the rollout workflow calls.</summary>
public static class RolloutActivityNames
{
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
}
