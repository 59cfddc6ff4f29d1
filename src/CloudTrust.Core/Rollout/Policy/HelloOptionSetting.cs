namespace CloudTrust.Core.Rollout.Policy;

/// <summary>How an optional WHfB setting's value is written.</summary>
public enum HelloValueKind
{
    /// <summary>A boolean: a choice with options <c>&lt;id&gt;_true</c>/<c>_false</c>; <c>omaSettingBoolean</c>.</summary>
    Boolean,

    /// <summary>A number: a simple integer setting; <c>omaSettingInteger</c>.</summary>
    Integer,

    /// <summary>A PIN character rule: a choice with options <c>&lt;id&gt;_0</c>, <c>_1</c>, <c>_2</c>; <c>omaSettingInteger</c>.</summary>
    CharacterRule,
}

/// <summary>
/// One optional WHfB setting a plan may set (its <c>helloSettings</c>): where it lives in the settings catalog and in
/// the PassportForWork CSP, and how its value is written. Catalog ids, types and ranges were checked against the
/// settings-catalog definitions (configurationSettings exports: <c>…_policies_pincomplexity_minimumpinlength</c> is a
/// simple integer 4–127, <c>…_expiration</c> 0–730, <c>…_digits</c> a choice with options <c>_0</c>/<c>_1</c>/<c>_2</c>,
/// <c>…_policies_excludesecuritydevices_tpm12</c> a choice <c>_true</c>/<c>_false</c>,
/// <c>device_vendor_msft_passportforwork_biometrics_usebiometrics</c> its own top-level choice).
/// </summary>
/// <param name="CatalogId">The settings-catalog setting definition id.</param>
/// <param name="OmaPath">The OMA-URI after <c>./Device/Vendor/MSFT/PassportForWork/</c>; <c>{tenant}</c> stands for the tenant id.</param>
/// <param name="Kind">How the value is written.</param>
public sealed record HelloOptionSetting(string CatalogId, string OmaPath, HelloValueKind Kind)
{
    /// <summary>Gets the catalog value for <paramref name="value"/>: the option id of a choice, or the number of a simple setting.</summary>
    /// <param name="value">The value (0/1 for a boolean, the CSP number otherwise).</param>
    /// <returns>The value as the catalog's flattened settings carry it.</returns>
    public string CatalogValue(int value) => Kind switch
    {
        HelloValueKind.Boolean => WhfbSettingIds.Option(CatalogId, value != 0),
        HelloValueKind.CharacterRule => $"{CatalogId}_{value}",
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Gets the full OMA-URI for a tenant.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <returns>For example <c>./Device/Vendor/MSFT/PassportForWork/{tenant}/Policies/PINComplexity/MinimumPINLength</c>.</returns>
    public string OmaUri(Guid tenantId) => "./Device/Vendor/MSFT/PassportForWork/" + OmaPath.Replace("{tenant}", tenantId.ToString(), StringComparison.Ordinal);
}
