using CloudTrust.Core.Precedence;

namespace CloudTrust.Core.Migration;

/// <summary>
/// Plans a ring's move to cloud Kerberos trust from what it runs today. Key trust needs only the Kerberos server
/// objects, the cloud-trust setting and a sign-out and in. Certificate trust has no direct path: the certificate
/// setting goes off, cloud trust goes on, and each user's Hello container is deleted and provisioned again — the
/// deletion destroys credentials, so it is the one step that cannot be undone and it waits for the ring's approval.
/// </summary>
public static class MigrationPlanner
{
    /// <summary>Plans one ring.</summary>
    /// <param name="ring">The ring's name.</param>
    /// <param name="from">Its current trust model.</param>
    /// <param name="hybridJoinedDevices">How many of its devices are Microsoft Entra hybrid joined.</param>
    /// <returns>The ring's migration.</returns>
    public static RingMigration Plan(string ring, TrustModel from, int hybridJoinedDevices)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var steps = new List<(MigrationStepKind Kind, string Text, bool Reversible, bool Approval)>
        {
            (MigrationStepKind.EnsureKerberosServers, "ensure the Microsoft Entra Kerberos server object in every domain of the plan", true, false),
        };
        var warnings = new List<string>();
        switch (from)
        {
            case TrustModel.CertificateTrust:
                steps.Add((MigrationStepKind.DisableCertificateTrust, "set UseCertificateForOnPremAuth to not configured for the ring (the certificate-trust policy loses the ring's groups)", true, false));
                steps.Add((MigrationStepKind.EnableCloudTrust, "assign the cloud-trust profile to the ring's groups", true, false));
                steps.Add((MigrationStepKind.DeleteHelloContainer, "after approval for this ring: run 'certutil.exe -deletehellocontainer' as each user (Intune Remediations); this deletes the users' WHfB credentials", false, true));
                steps.Add((MigrationStepKind.TrackReprovisioning, "users sign out and in and provision WHfB again; tracked through registrations and the ticket probe", false, false));
                warnings.Add("certificate trust has no direct path to cloud trust: users lose their WHfB credentials at the container deletion and must provision again");
                break;
            case TrustModel.KeyTrust:
                steps.Add((MigrationStepKind.EnableCloudTrust, "assign the cloud-trust profile to the ring's groups", true, false));
                steps.Add((MigrationStepKind.SignOutAndIn, "users sign out and in (Entra-joined devices); completion tracked through the ticket probe's OnPremTgt and CloudTgt", true, false));
                break;
            case TrustModel.CloudTrust:
                steps.Add((MigrationStepKind.EnableCloudTrust, "keep the cloud-trust profile assigned (already cloud trust)", true, false));
                break;
            default:
                steps.Add((MigrationStepKind.EnableCloudTrust, "assign the cloud-trust profile to the ring's groups; users provision WHfB at their next sign-in", true, false));
                break;
        }

        if (hybridJoinedDevices > 0)
        {
            warnings.Add($"{hybridJoinedDevices} hybrid-joined device(s): the first sign-in after provisioning needs line of sight to a domain controller");
        }

        return new RingMigration(ring, from, [.. steps.Select((s, i) => new MigrationStep(i + 1, s.Kind, s.Text, s.Reversible, s.Approval))], warnings);
    }
}
