namespace CloudTrust.Core.Rollout.Plan;

/// <summary>How the Windows Hello for Business cloud-trust policy reaches the devices.</summary>
public enum ProfileMode
{
    /// <summary>An Intune settings-catalog policy (Graph beta <c>configurationPolicies</c>); the default.</summary>
    SettingsCatalog,

    /// <summary>A v1.0 <c>windows10CustomConfiguration</c> with PassportForWork OMA-URI settings.</summary>
    CustomOmaUri,
}
