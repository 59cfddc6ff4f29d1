using CloudTrust.Core.Migration;
using CloudTrust.Core.Precedence;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class MigrationPlannerTests
{
    [Fact]
    public void Key_trust_moves_with_kerberos_objects_the_profile_and_a_sign_out_all_reversible()
    {
        var migration = MigrationPlanner.Plan("pilot", TrustModel.KeyTrust, hybridJoinedDevices: 0);

        Assert.Equal([MigrationStepKind.EnsureKerberosServers, MigrationStepKind.EnableCloudTrust, MigrationStepKind.SignOutAndIn], migration.Steps.Select(s => s.Kind));
        Assert.Null(migration.PointOfNoReturn);
        Assert.DoesNotContain(migration.Steps, s => s.RequiresApproval);
        Assert.Empty(migration.Warnings);
    }

    [Fact]
    public void Certificate_trust_deletes_containers_only_after_approval_and_that_step_cannot_be_undone()
    {
        var migration = MigrationPlanner.Plan("finance", TrustModel.CertificateTrust, hybridJoinedDevices: 40);

        Assert.Equal(
            [MigrationStepKind.EnsureKerberosServers, MigrationStepKind.DisableCertificateTrust, MigrationStepKind.EnableCloudTrust, MigrationStepKind.DeleteHelloContainer, MigrationStepKind.TrackReprovisioning],
            migration.Steps.Select(s => s.Kind));
        var deletion = migration.PointOfNoReturn!;
        Assert.Equal(MigrationStepKind.DeleteHelloContainer, deletion.Kind);
        Assert.True(deletion.RequiresApproval);
        Assert.All(migration.Steps.Where(s => s.Order < deletion.Order), s => Assert.True(s.Reversible));
        Assert.Contains(migration.Warnings, w => w == "40 hybrid-joined device(s): the first sign-in after provisioning needs line of sight to a domain controller");
        Assert.True(migration.DeletesContainers);
    }
}
