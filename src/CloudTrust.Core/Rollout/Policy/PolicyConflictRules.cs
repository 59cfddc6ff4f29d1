namespace CloudTrust.Core.Rollout.Policy;

/// <summary>
/// Which other policies stop a cloud-trust rollout: certificate trust enabled (it wins over cloud trust), or
/// WHfB / cloud trust explicitly turned off, on a group the plan targets.
/// </summary>
public static class PolicyConflictRules
{
    /// <summary>The reason given for a policy that enables certificate trust.</summary>
    public const string CertificateTrustReason = "UseCertificateForOnPremAuth is true (certificate trust wins over cloud trust)";

    /// <summary>Returns why a policy's settings conflict with cloud Kerberos trust; empty when they do not.</summary>
    /// <param name="settings">The other policy's choice settings.</param>
    /// <returns>The reasons.</returns>
    public static IReadOnlyList<string> Reasons(WhfbPolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reasons = new List<string>();
        if (settings.BoolOf(WhfbSettingIds.UseCertificateForOnPremAuth) == true)
        {
            reasons.Add(CertificateTrustReason);
        }

        if (settings.BoolOf(WhfbSettingIds.UseCloudTrustForOnPremAuth) == false)
        {
            reasons.Add("UseCloudTrustForOnPremAuth is false");
        }

        if (settings.BoolOf(WhfbSettingIds.UsePassportForWork) == false)
        {
            reasons.Add("UsePassportForWork is false");
        }

        return reasons;
    }
}
