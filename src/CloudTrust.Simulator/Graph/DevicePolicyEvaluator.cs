namespace CloudTrust.Simulator.Graph;

/// <summary>
/// What a device reports for a policy at a given time: nothing until its first check-in after the assignment
/// (or the last change of the policy); then error for old builds or a missing TPM while RequireSecurityDevice is
/// on, conflict when Group Policy configures certificate trust, succeeded otherwise.
/// </summary>
internal static class DevicePolicyEvaluator
{
    private const string RequireSecurityDevice = "device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice";

    public static (PolicyDeviceState State, DateTimeOffset? ReportedAt) Evaluate(
        SimulatedDevice device, DateTimeOffset effectiveSince, bool requireSecurityDevice, DateTimeOffset fleetEpoch, TimeSpan interval, DateTimeOffset now)
    {
        if (device.NeverChecksIn)
        {
            return (PolicyDeviceState.Pending, null);
        }

        var checkIn = NextCheckIn(device, effectiveSince, fleetEpoch, interval);
        if (checkIn > now)
        {
            return (PolicyDeviceState.Pending, null);
        }

        if (device.Build < 19044 || (requireSecurityDevice && !device.HasTpm))
        {
            return (PolicyDeviceState.Error, checkIn);
        }

        return device.CertificateTrustGpo ? (PolicyDeviceState.Conflict, checkIn) : (PolicyDeviceState.Succeeded, checkIn);
    }

    public static bool RequiresSecurityDevice(SimulatedPolicy policy)
    {
        if (policy.IsCustomOma)
        {
            var setting = policy.Choices().FirstOrDefault(c => c.Key.EndsWith("/Policies/RequireSecurityDevice", StringComparison.OrdinalIgnoreCase));
            return setting.Value is null || setting.Value == "true";
        }

        return !policy.Choices().TryGetValue(RequireSecurityDevice, out var option) || option.EndsWith("_true", StringComparison.OrdinalIgnoreCase);
    }

    public static DateTimeOffset NextCheckIn(SimulatedDevice device, DateTimeOffset after, DateTimeOffset fleetEpoch, TimeSpan interval)
    {
        var first = fleetEpoch + device.CheckInPhase;
        if (after <= first)
        {
            return first;
        }

        var periods = (long)Math.Ceiling((after - first).Ticks / (double)interval.Ticks);
        return first + TimeSpan.FromTicks(periods * interval.Ticks);
    }

    public static DateTimeOffset? LastCheckIn(SimulatedDevice device, DateTimeOffset fleetEpoch, TimeSpan interval, DateTimeOffset now)
    {
        if (device.NeverChecksIn)
        {
            return null;
        }

        var first = fleetEpoch + device.CheckInPhase;
        if (now < first)
        {
            return fleetEpoch - interval + device.CheckInPhase;
        }

        var periods = (now - first).Ticks / interval.Ticks;
        return first + TimeSpan.FromTicks(periods * interval.Ticks);
    }
}
