namespace CloudTrust.Core.Rollout.Plan;

/// <summary>
/// The plan's <c>readiness</c> setting: whether each on-premises finding of the preflight blocks the rollout or warns.
/// <code>"readiness": { "domainControllers": "block", "privilegedUsers": "warn" }</code>
/// </summary>
/// <param name="DomainControllers">A site without a writable domain controller on Windows Server 2016 or later (default: block).</param>
/// <param name="PrivilegedUsers">Ring users the Kerberos server object's Password Replication Policy denies (default: warn).</param>
public sealed record OnPremisesReadinessPolicy(FindingSeverity DomainControllers, FindingSeverity PrivilegedUsers)
{
    /// <summary>Gets the defaults: domain controllers block, privileged users warn.</summary>
    public static OnPremisesReadinessPolicy Default { get; } = new(FindingSeverity.Block, FindingSeverity.Warn);

    /// <summary>Names a severity as the plan writes it.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns><c>block</c> or <c>warn</c>.</returns>
    public static string Name(FindingSeverity severity) => severity == FindingSeverity.Block ? "block" : "warn";
}
