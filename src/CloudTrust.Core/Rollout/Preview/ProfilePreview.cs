using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;

namespace CloudTrust.Core.Rollout.Preview;

/// <summary>The profile a rollout would create or update, and setting by setting what would change.</summary>
/// <param name="Mode">Settings catalog or custom OMA-URI.</param>
/// <param name="Name">The profile's name.</param>
/// <param name="Change">Create, update or leave alone.</param>
/// <param name="PolicyId">The existing profile's id; null when it would be created.</param>
/// <param name="Settings">Each setting whose value would change: existing value (null when absent) → planned value (null when removed). For a new profile, every planned setting.</param>
public sealed record ProfilePreview(ProfileMode Mode, string Name, ProfileChange Change, string? PolicyId, IReadOnlyList<SettingDifference> Settings);

/// <summary>What a rollout would do to its profile.</summary>
public enum ProfileChange
{
    /// <summary>No profile of ours exists; it would be created.</summary>
    Create,

    /// <summary>Our profile's settings drifted; they would be replaced.</summary>
    Update,

    /// <summary>Our profile already matches the plan.</summary>
    None,
}
