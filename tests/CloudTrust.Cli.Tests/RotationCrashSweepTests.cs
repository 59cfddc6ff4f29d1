using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rotation;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// The key rotation's crash sweep (see <see cref="WorkflowCrashSweepTests"/>): killed after every journal commit and
/// restarted until it finishes, each key is rotated exactly once. A class of its own so it runs beside the rollout's.
/// </summary>
[RunsLong(25)]
public sealed class RotationCrashSweepTests
{
    [Fact]
    public async Task A_key_rotation_killed_after_every_journal_commit_rotates_each_key_exactly_once()
    {
        await using var test = await TestTenant.StartAsync(devices: 20, rings: WorkflowCrashSweepTests.TwoRings);
        var sweep = await WorkflowCrashSweepTests.SweepAsync(test, "rotation", "rotation-swept");

        foreach (var domain in SimulatedTenant.Domains)
        {
            Assert.Equal(1, test.Tenant.ActiveDirectory.RotationsOf(domain));
        }

        var report = await WorkflowCrashSweepTests.ReadOutputAsync<RotationReport>(test, "rotation-swept");
        Assert.All(report.Attempts, a => Assert.Equal(RotationOutcome.Rotated, a.Outcome));
        Assert.True(sweep.Kills >= 8, $"only {sweep.Kills} kills");
        ReliabilityLedger.Record("crash-sweep", "key rotation workflow (2 domains through the relay)", sweep.Kills, duplicates: SimulatedTenant.Domains.Sum(d => test.Tenant.ActiveDirectory.RotationsOf(d) - 1));
    }
}
