using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.EnsureProfile"/>.</summary>
/// <param name="Mode">Settings catalog or custom OMA-URI.</param>
/// <param name="ProfileName">The profile's name.</param>
/// <param name="RequireSecurityDevice">Whether to require a TPM.</param>
/// <param name="TenantId">The tenant id (the OMA-URI paths carry it).</param>
/// <param name="Hello">The plan's optional WHfB settings, written alongside cloud trust (null: none).</param>
public sealed record EnsureProfileInput(ProfileMode Mode, string ProfileName, bool RequireSecurityDevice, Guid TenantId, HelloOptions? Hello = null);

/// <summary>Output of <see cref="RolloutActivityNames.EnsureProfile"/>.</summary>
/// <param name="PolicyId">Our profile's id.</param>
/// <param name="Action">What was done.</param>
/// <param name="Drift">The differences that caused an update; empty otherwise.</param>
public sealed record EnsureProfileResult(string PolicyId, ProfileAction Action, IReadOnlyList<string> Drift);

/// <summary>What ensuring the profile did.</summary>
public enum ProfileAction
{
    /// <summary>Our profile was absent and was created.</summary>
    Created,

    /// <summary>Our profile's settings drifted and were replaced.</summary>
    Updated,

    /// <summary>Our profile was already as the plan says.</summary>
    Unchanged,
}
