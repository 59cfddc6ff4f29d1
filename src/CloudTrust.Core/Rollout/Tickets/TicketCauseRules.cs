namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>
/// Puts a device without both tickets into one <see cref="TicketFailureCause"/>, from its probe evidence and the
/// rollout's own knowledge of which AD domains have a Microsoft Entra Kerberos server object. The order is the order
/// an admin would check: how the user signed in, whether the policy arrived and is in force, the PRT, then the DC
/// exchange (the domain's object, the Password Replication Policy, a DC in sight). What none of them explains stays
/// <see cref="TicketFailureCause.Unknown"/> with the evidence, never a guess.
/// </summary>
/// <remarks>
/// Sources: Microsoft Learn, "Windows Hello for Business cloud Kerberos trust deployment guide" (the policy settings,
/// event 358, dsregcmd's CloudTgt/OnPremTgt, the AzureADKerberos object's Password Replication Policy, unsupported
/// scenarios: RDP with supplied credentials, Run as), and "Troubleshoot devices by using the dsregcmd command".
/// </remarks>
public static class TicketCauseRules
{
    /// <summary>Classifies one device.</summary>
    /// <param name="evidence">What its probe found.</param>
    /// <param name="kerberosDomains">The AD domains (DNS, any case) known to have a Kerberos server object; null when unknown.</param>
    /// <returns>The cause and the evidence behind it in a few words; null when the device works.</returns>
    public static (TicketFailureCause Cause, string Detail)? Classify(TicketEvidence evidence, IReadOnlyCollection<string>? kerberosDomains)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Works)
        {
            return null;
        }

        if (evidence.RemoteSession == true)
        {
            return (TicketFailureCause.UnsupportedSignIn, "signed in over Remote Desktop");
        }

        if (evidence.RunAs == true)
        {
            return (TicketFailureCause.UnsupportedSignIn, "the session runs with other credentials (Run as)");
        }

        if (evidence.UseCertificate == true)
        {
            return (TicketFailureCause.CloudTrustNotEnforced, "UseCertificateForOnPremAuth is on: certificate trust wins over cloud trust");
        }

        if (evidence.UseCloudTrust is null)
        {
            return evidence.CloudTrustPolicyEnabled == true
                ? (TicketFailureCause.Unknown, "event 358 says cloud trust is enabled but the probe read no PassportForWork values")
                : (TicketFailureCause.PolicyNotApplied, "the device holds no UseCloudTrustForOnPremAuth value yet");
        }

        if (evidence.UseCloudTrust == false || evidence.UsePassportForWork == false || evidence.CloudTrustPolicyEnabled == false)
        {
            return (TicketFailureCause.CloudTrustNotEnforced, Describe(evidence));
        }

        if (evidence.AzureAdPrt == false)
        {
            return (TicketFailureCause.PrtStale, "AzureAdPrt NO: no primary refresh token in this session");
        }

        var domainLacksObject = evidence.UserDomain is { Length: > 0 } domain && kerberosDomains is not null
            && !kerberosDomains.Contains(domain, StringComparer.OrdinalIgnoreCase);
        if (evidence.CloudTgt != true)
        {
            return evidence.AzureAdPrt == true
                ? (TicketFailureCause.PrtStale, $"AzureAdPrt YES but CloudTgt NO (prerequisite check: {evidence.CloudTgtCheck ?? "not reported"}): the PRT predates cloud trust")
                : (TicketFailureCause.Unknown, "CloudTgt NO and AzureAdPrt not reported");
        }

        if (domainLacksObject)
        {
            return (TicketFailureCause.DomainHasNoKerberosObject, $"CloudTgt YES, OnPremTgt NO; {evidence.UserDomain} is not among the domains with a Kerberos server object ({string.Join(", ", kerberosDomains!)})");
        }

        if (evidence.PrivilegedGroup is { Length: > 0 } group)
        {
            return (TicketFailureCause.PrivilegedUserBlocked, $"CloudTgt YES, OnPremTgt NO; the user is in {group}");
        }

        if (evidence.DcLocated == false)
        {
            return (TicketFailureCause.NoLineOfSightToDc, $"CloudTgt YES, OnPremTgt NO; no DC of {evidence.UserDomain ?? "the user's domain"} could be located");
        }

        return (TicketFailureCause.Unknown, $"CloudTgt YES, OnPremTgt NO; {Describe(evidence)}");
    }

    private static string Describe(TicketEvidence e)
        => $"UsePassportForWork {Value(e.UsePassportForWork)}, UseCloudTrustForOnPremAuth {Value(e.UseCloudTrust)}, event 358 cloud trust {Value(e.CloudTrustPolicyEnabled)}, DC located {Value(e.DcLocated)}";

    private static string Value(bool? value) => value switch { true => "yes", false => "no", null => "not reported" };
}
