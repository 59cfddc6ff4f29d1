namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>What the admin does next for each <see cref="TicketFailureCause"/>, and its name in reports.</summary>
public static class TicketCauseActions
{
    /// <summary>The cause's short name, as status and reports show it.</summary>
    /// <param name="cause">The cause.</param>
    /// <returns>The name.</returns>
    public static string Title(TicketFailureCause cause) => cause switch
    {
        TicketFailureCause.PolicyNotApplied => "policy not applied yet",
        TicketFailureCause.CloudTrustNotEnforced => "cloud trust not enforced",
        TicketFailureCause.DomainHasNoKerberosObject => "user's domain has no Kerberos server object",
        TicketFailureCause.NoLineOfSightToDc => "no line of sight to a domain controller",
        TicketFailureCause.PrtStale => "PRT stale",
        TicketFailureCause.PrivilegedUserBlocked => "privileged user blocked by the Password Replication Policy",
        TicketFailureCause.UnsupportedSignIn => "unsupported sign-in",
        _ => "unknown",
    };

    /// <summary>The admin's next action for the cause.</summary>
    /// <param name="cause">The cause.</param>
    /// <returns>The action.</returns>
    public static string Action(TicketFailureCause cause) => cause switch
    {
        TicketFailureCause.PolicyNotApplied => "wait for the device's next Intune check-in (or sync it from the Intune admin center); check the ring's group holds the device",
        TicketFailureCause.CloudTrustNotEnforced => "remove what overrides cloud trust on the device: a certificate-trust setting or a Group Policy object (Group Policy wins over Intune); then the user signs out and in",
        TicketFailureCause.DomainHasNoKerberosObject => "create the Microsoft Entra Kerberos server object in the user's domain (Set-AzureADKerberosServer, or add the domain to the plan's domains so preflight ensures it)",
        TicketFailureCause.NoLineOfSightToDc => "connect the device to the corporate network or VPN so it can reach a DC of the user's domain, then lock and unlock",
        TicketFailureCause.PrtStale => "the user signs out and in (or runs dsregcmd /refreshprt) so a new PRT carries the cloud TGT",
        TicketFailureCause.PrivilegedUserBlocked => "expected: use a separate non-privileged account for daily sign-in; do not relax the AzureADKerberos object's Password Replication Policy",
        TicketFailureCause.UnsupportedSignIn => "sign in at the device with Windows Hello; Remote Desktop with supplied credentials and Run as are not supported",
        _ => "read dsregcmd /status, klist cloud_debug and event 358 on the device; the raw reason is kept with the device",
    };
}
