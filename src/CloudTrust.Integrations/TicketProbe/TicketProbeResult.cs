namespace CloudTrust.Integrations.TicketProbe;

/// <summary>What the ticket probe reports for one device (the JSON the detection script prints).</summary>
/// <param name="OnPremTgt">Whether the device holds an on-premises TGT from the cloud Kerberos exchange.</param>
/// <param name="CloudTgt">Whether it holds the cloud (Entra Kerberos) TGT.</param>
/// <param name="AzureAdPrt">Whether it holds a primary refresh token.</param>
/// <param name="AzureAdJoined">Whether the device is Entra-joined.</param>
/// <param name="DomainJoined">Whether the device is AD domain-joined (hybrid when both).</param>
public sealed record TicketProbeResult(bool OnPremTgt, bool CloudTgt, bool AzureAdPrt, bool AzureAdJoined, bool DomainJoined)
{
    /// <summary>Gets a value indicating whether cloud Kerberos trust works: both tickets present.</summary>
    public bool Works => OnPremTgt && CloudTgt;

    /// <summary>Gets the likely cause when it does not work, in an admin's words; null when it works.</summary>
    public string? Diagnosis => (OnPremTgt, CloudTgt, AzureAdPrt) switch
    {
        (true, true, _) => null,
        (_, _, false) => "no primary refresh token: the user has not signed in with Entra ID on this device",
        (false, true, _) => "CloudTgt YES but OnPremTgt NO: the domain controller exchange failed (no line of sight to a DC, or no Kerberos server object for the user's domain)",
        (_, false, _) => "no cloud TGT: the cloud-trust policy is not applied yet, or Entra Kerberos is not set up",
    };
}
