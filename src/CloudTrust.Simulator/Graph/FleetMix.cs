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
}
