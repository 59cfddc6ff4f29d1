namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>
/// What the ticket probe found on one device, read from the tools' own outputs: <c>dsregcmd /status</c>, the User
/// Device Registration admin log's event 358, the PassportForWork policy values the device holds, the DC locator and
/// the session's logon type. A null value means the probe did not report it (older probe, tool missing, output cut).
/// </summary>
/// <param name="AzureAdPrt">dsregcmd's <c>AzureAdPrt</c>.</param>
/// <param name="CloudTgt">dsregcmd's <c>CloudTgt</c>.</param>
/// <param name="OnPremTgt">dsregcmd's <c>OnPremTgt</c>.</param>
/// <param name="CloudTrustPolicyEnabled">Event 358: "Cloud trust for on premise auth policy is enabled" (Yes/No).</param>
/// <param name="CloudTgtCheck">Event 358's cloud trust prerequisite check "User account has Cloud TGT": <c>Yes</c>, <c>No</c> or <c>Not Tested</c>.</param>
/// <param name="UseCloudTrust">The device's PassportForWork <c>UseCloudTrustForOnPremAuth</c> value.</param>
/// <param name="UsePassportForWork">The device's PassportForWork <c>UsePassportForWork</c> value.</param>
/// <param name="UseCertificate">The device's PassportForWork <c>UseCertificateForOnPremAuth</c> value (certificate trust wins when on).</param>
/// <param name="UserDomain">The DNS name of the signed-in user's AD domain.</param>
/// <param name="DcLocated">Whether a DC of that domain could be located (DC locator, or its <c>_ldap._tcp.dc._msdcs</c> SRV record).</param>
/// <param name="PrivilegedGroup">A privileged group the user belongs to, which the Kerberos server object's Password Replication Policy denies.</param>
/// <param name="RemoteSession">Whether the session is a Remote Desktop one (event 358 "User is not connected to the machine via Remote Desktop: No", or logon type 10).</param>
/// <param name="RunAs">Whether the probe ran under other credentials than the signed-in session's (logon type 9, Run as).</param>
public sealed record TicketEvidence(
    bool? AzureAdPrt,
    bool? CloudTgt,
    bool? OnPremTgt,
    bool? CloudTrustPolicyEnabled = null,
    string? CloudTgtCheck = null,
    bool? UseCloudTrust = null,
    bool? UsePassportForWork = null,
    bool? UseCertificate = null,
    string? UserDomain = null,
    bool? DcLocated = null,
    string? PrivilegedGroup = null,
    bool? RemoteSession = null,
    bool? RunAs = null)
{
    /// <summary>Gets a value indicating whether cloud Kerberos trust works: both tickets present.</summary>
    public bool Works => CloudTgt == true && OnPremTgt == true;
}
