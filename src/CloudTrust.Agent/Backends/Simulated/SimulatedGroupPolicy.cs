using CloudTrust.Core.GroupPolicy;

namespace CloudTrust.Agent.Backends.Simulated;

/// <summary>One GPO of a simulated domain, as persisted: its status, the PassportForWork values each side sets, its links.</summary>
internal sealed class SimulatedGroupPolicy
{
    /// <summary>Gets or sets the GPO's GUID.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Gets or sets the display name.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Gets or sets a value indicating whether the computer configuration side is enabled.</summary>
    public bool ComputerSettingsEnabled { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the user configuration side is enabled.</summary>
    public bool UserSettingsEnabled { get; set; } = true;

    /// <summary>Gets or sets the values under HKLM; <see cref="PassportForWorkValues.None"/> for a GPO about something else.</summary>
    public PassportForWorkValues Computer { get; set; } = PassportForWorkValues.None;

    /// <summary>Gets or sets the values under HKCU.</summary>
    public PassportForWorkValues User { get; set; } = PassportForWorkValues.None;

    /// <summary>Gets or sets the trustees with Apply Group Policy (default: Authenticated Users).</summary>
    public List<string> SecurityFiltering { get; set; } = ["Authenticated Users"];

    /// <summary>Gets or sets where it is linked.</summary>
    public List<SimulatedGroupPolicyLink> Links { get; set; } = [];
}

/// <summary>A simulated gPLink entry: the linked container and the link's flags.</summary>
/// <param name="Target">The domain's or an OU's distinguished name.</param>
/// <param name="Enabled">Whether the link is enabled.</param>
/// <param name="Enforced">Whether the link is enforced.</param>
internal sealed record SimulatedGroupPolicyLink(string Target, bool Enabled = true, bool Enforced = false);
