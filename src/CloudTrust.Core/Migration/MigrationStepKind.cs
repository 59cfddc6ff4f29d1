namespace CloudTrust.Core.Migration;

/// <summary>The steps a ring's move to cloud Kerberos trust can take.</summary>
public enum MigrationStepKind
{
    /// <summary>Ensure the Microsoft Entra Kerberos server object in every domain (done once, in preflight).</summary>
    EnsureKerberosServers,

    /// <summary>Turn off the certificate-trust setting for the ring (UseCertificateForOnPremAuth not configured).</summary>
    DisableCertificateTrust,

    /// <summary>Assign the cloud-trust profile to the ring's groups.</summary>
    EnableCloudTrust,

    /// <summary>Users sign out and in; completion is tracked through the ticket probe (OnPremTgt and CloudTgt).</summary>
    SignOutAndIn,

    /// <summary>Delete each user's Hello container (<c>certutil.exe -deletehellocontainer</c>, as the user): irreversible.</summary>
    DeleteHelloContainer,

    /// <summary>Users provision WHfB again; tracked through their registrations and the ticket probe.</summary>
    TrackReprovisioning,
}
