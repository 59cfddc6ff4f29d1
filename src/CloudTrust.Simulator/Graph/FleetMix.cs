namespace CloudTrust.Simulator.Graph;

/// <summary>
/// The populations of a seeded device group that fail for real reasons; every share is 0..1 of the group.
/// </summary>
public sealed record FleetMix
{
    /// <summary>Gets a mix where every device is healthy.</summary>
    public static FleetMix Healthy { get; } = new();

    /// <summary>Gets the share on Windows 10 builds older than 19044 (the policy errors).</summary>
    public double OldBuild { get; init; }

    /// <summary>Gets the share without a TPM (the policy errors while RequireSecurityDevice is on).</summary>
    public double NoTpm { get; init; }

    /// <summary>Gets the share where Group Policy configures certificate trust (the device reports a conflict).</summary>
    public double CertificateTrustGpo { get; init; }

    /// <summary>Gets the share that never checks in (stays pending).</summary>
    public double NeverChecksIn { get; init; }

    /// <summary>Gets the share whose primary user is privileged (readiness flags them).</summary>
    public double PrivilegedUser { get; init; }

    /// <summary>Gets the share whose user has no MFA registered.</summary>
    public double NoMfa { get; init; }

    /// <summary>Gets the share off the corporate network without VPN: no DC can be located, so OnPremTgt stays NO.</summary>
    public double OffNetwork { get; init; }

    /// <summary>Gets the share whose user has not signed out and in since cloud trust applied: the PRT carries no cloud TGT.</summary>
    public double StalePrt { get; init; }

    /// <summary>Gets the share whose user works over Remote Desktop (an unsupported sign-in for cloud Kerberos trust).</summary>
    public double RemoteDesktop { get; init; }

    /// <summary>Gets the share whose user belongs to an AD domain without a Kerberos server object (<c>lab.contoso.example</c>).</summary>
    public double OtherDomain { get; init; }

    /// <summary>Gets the share where a Group Policy object turns cloud trust off although Intune's report shows the policy succeeded.</summary>
    public double CloudTrustGpoOff { get; init; }

    /// <summary>Gets a value indicating whether any ticket fault is drawn (so a mix without them draws the same fleet as before).</summary>
    internal bool HasTicketFaults => OffNetwork + StalePrt + RemoteDesktop + OtherDomain + CloudTrustGpoOff > 0;
}
