namespace CloudTrust.Core.Rollout.Gate;

/// <summary>Policy states of the devices a ring targets.</summary>
/// <param name="Targeted">Devices in the ring's groups.</param>
/// <param name="Succeeded">Devices that report the policy succeeded.</param>
/// <param name="Errors">Devices that report an error.</param>
/// <param name="Conflicts">Devices that report a conflict with another policy.</param>
/// <param name="Pending">Devices that have not reported yet.</param>
/// <param name="NotApplicable">Devices the policy does not apply to.</param>
public sealed record RingCounts(int Targeted, int Succeeded, int Errors, int Conflicts, int Pending, int NotApplicable)
{
    /// <summary>Gets the share of targeted devices that succeeded.</summary>
    public double SuccessShare => Targeted == 0 ? 0 : (double)Succeeded / Targeted;

    /// <summary>Gets the share of targeted devices in error or conflict.</summary>
    public double ErrorShare => Targeted == 0 ? 0 : (double)(Errors + Conflicts) / Targeted;
}
