namespace CloudTrust.Core.GroupPolicy;

/// <summary>
/// A GPO that sets Windows Hello for Business (PassportForWork) policy values, as the agent reads it from a domain.
/// Where such a GPO applies, Group Policy wins and Intune's WHfB settings are ignored.
/// </summary>
/// <param name="Id">The GPO's GUID.</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="ComputerSettingsEnabled">Whether the computer configuration side is enabled (GPO status).</param>
/// <param name="UserSettingsEnabled">Whether the user configuration side is enabled (GPO status).</param>
/// <param name="Computer">The values its computer configuration sets (HKLM).</param>
/// <param name="User">The values its user configuration sets (HKCU).</param>
/// <param name="Links">Where it is linked in the domain (sites are not read).</param>
/// <param name="SecurityFiltering">The trustees with the Apply Group Policy permission, when read (for example <c>Authenticated Users</c>).</param>
public sealed record HelloGroupPolicy(
    Guid Id,
    string DisplayName,
    bool ComputerSettingsEnabled,
    bool UserSettingsEnabled,
    PassportForWorkValues Computer,
    PassportForWorkValues User,
    IReadOnlyList<GroupPolicyLink> Links,
    IReadOnlyList<string>? SecurityFiltering = null);
