namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>Why a device that ran the ticket probe holds no on-premises ticket: one cause per device.</summary>
public enum TicketFailureCause
{
    /// <summary>The evidence does not point to one cause (or could not be read); the raw reason is kept.</summary>
    Unknown,

    /// <summary>The device does not hold the WHfB cloud-trust policy values yet (it has not checked in since the assignment).</summary>
    PolicyNotApplied,

    /// <summary>The device holds the policy but cloud trust is not in force: event 358 says it is off, or certificate trust wins.</summary>
    CloudTrustNotEnforced,

    /// <summary>The user's AD domain has no Microsoft Entra Kerberos server object.</summary>
    DomainHasNoKerberosObject,

    /// <summary>No domain controller of the user's domain can be located (off the corporate network, no VPN).</summary>
    NoLineOfSightToDc,

    /// <summary>The primary refresh token is missing or was issued before cloud trust applied: the user must sign out and in.</summary>
    PrtStale,

    /// <summary>The user belongs to a privileged group the Kerberos server object's Password Replication Policy denies.</summary>
    PrivilegedUserBlocked,

    /// <summary>The session was not a supported sign-in (Remote Desktop with supplied credentials, Run as).</summary>
    UnsupportedSignIn,
}
