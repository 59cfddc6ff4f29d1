using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Policy;

/// <summary>
/// A settings-catalog policy's settings flattened to setting id → value, which is what drift comparison and conflict
/// rules look at: the chosen option id of a choice setting, or the number of a simple integer setting (PIN length,
/// expiry, history).
/// </summary>
/// <param name="Choices">Setting definition id → option id (for example <c>…_usepassportforwork</c> → <c>…_usepassportforwork_true</c>) or number (<c>…_minimumpinlength</c> → <c>6</c>).</param>
public sealed record WhfbPolicySettings(IReadOnlyDictionary<string, string> Choices)
{
    /// <summary>The settings our profile must carry for a plan.</summary>
    /// <param name="requireSecurityDevice">Whether to require a TPM.</param>
    /// <param name="hello">The plan's optional WHfB settings; each one set is added, the others stay not configured.</param>
    /// <returns>The desired settings.</returns>
    public static WhfbPolicySettings Desired(bool requireSecurityDevice, HelloOptions? hello = null)
    {
        var choices = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WhfbSettingIds.UsePassportForWork] = WhfbSettingIds.Option(WhfbSettingIds.UsePassportForWork, true),
            [WhfbSettingIds.UseCloudTrustForOnPremAuth] = WhfbSettingIds.Option(WhfbSettingIds.UseCloudTrustForOnPremAuth, true),
            [WhfbSettingIds.RequireSecurityDevice] = WhfbSettingIds.Option(WhfbSettingIds.RequireSecurityDevice, requireSecurityDevice),
        };
        foreach (var (setting, value) in HelloOptionValues.Of(hello))
        {
            choices[setting.CatalogId] = setting.CatalogValue(value);
        }

        return new WhfbPolicySettings(choices);
    }

    /// <summary>Returns the boolean a choice setting is set to, or null when it is absent or not a boolean choice.</summary>
    /// <param name="settingId">The setting definition id.</param>
    /// <returns>The value, or null.</returns>
    public bool? BoolOf(string settingId)
    {
        if (!Choices.TryGetValue(settingId, out var option))
        {
            return null;
        }

        if (string.Equals(option, WhfbSettingIds.Option(settingId, true), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(option, WhfbSettingIds.Option(settingId, false), StringComparison.OrdinalIgnoreCase) ? false : null;
    }

    /// <summary>Lists, setting by setting, how <paramref name="actual"/> differs from these (desired) settings; empty when equal.</summary>
    /// <param name="actual">The settings found on the policy.</param>
    /// <returns>Each differing setting with the value found and the value desired.</returns>
    public IReadOnlyList<SettingDifference> DifferencesFrom(WhfbPolicySettings actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        return SettingDifference.Between(Choices, actual.Choices);
    }

    /// <summary>Lists how <paramref name="actual"/> differs from these (desired) settings; empty when equal.</summary>
    /// <param name="actual">The settings found on the policy.</param>
    /// <returns>One line per difference, for example <c>…_requiresecuritydevice: expected …_true, found …_false</c>.</returns>
    public IReadOnlyList<string> DriftFrom(WhfbPolicySettings actual) => [.. DifferencesFrom(actual).Select(d => d.ToString())];
}
