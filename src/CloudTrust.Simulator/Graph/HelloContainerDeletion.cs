namespace CloudTrust.Simulator.Graph;

/// <summary>
/// What a device does with a Remediations script whose remediation runs <c>certutil.exe -deletehellocontainer</c>:
/// at its first check-in after the assignment, a user who has a Hello container loses it (the key registered in
/// Entra stays, as in a real tenant); at the next check-in a user with MFA provisions WHfB again, which updates
/// their registration details.
/// </summary>
internal static class HelloContainerDeletion
{
    public static bool Deletes(SimulatedPolicy script)
        => script.RemediationScript.Contains("-deletehellocontainer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Devices whose user's container a deletion script has deleted by <paramref name="now"/>, with when.</summary>
    public static Dictionary<SimulatedDevice, DateTimeOffset> DeletedBy(SimulatedIntune intune, DateTimeOffset now)
    {
        List<SimulatedPolicy> scripts;
        lock (intune.Gate)
        {
            scripts = [.. intune.HealthScriptTable.Values.Where(Deletes)];
        }

        var deleted = new Dictionary<SimulatedDevice, DateTimeOffset>(ReferenceEqualityComparer.Instance);
        foreach (var script in scripts)
        {
            foreach (var (device, assignedAt) in intune.Targets(script))
            {
                var at = RunsAt(intune, device, assignedAt);
                if (at is { } ran && ran <= now && device.User.HasWhfb && (!deleted.TryGetValue(device, out var earlier) || ran < earlier))
                {
                    deleted[device] = ran;
                }
            }
        }

        return deleted;
    }

    /// <summary>When the device runs a script assigned at <paramref name="assignedAt"/>; null when it never checks in.</summary>
    public static DateTimeOffset? RunsAt(SimulatedIntune intune, SimulatedDevice device, DateTimeOffset assignedAt)
        => device.NeverChecksIn ? null : DevicePolicyEvaluator.NextCheckIn(device, assignedAt, intune.FleetEpoch, intune.Options.CheckInInterval);

    /// <summary>When the user provisions again after the deletion; null when they cannot (no MFA).</summary>
    public static DateTimeOffset? ReprovisionedAt(SimulatedIntune intune, SimulatedDevice device, DateTimeOffset deletedAt)
        => device.User.IsMfaRegistered
            ? DevicePolicyEvaluator.NextCheckIn(device, deletedAt + TimeSpan.FromTicks(1), intune.FleetEpoch, intune.Options.CheckInInterval)
            : null;
}
