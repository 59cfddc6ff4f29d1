using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Preview;
using static System.FormattableString;

namespace CloudTrust.Cli.Preview;

/// <summary>The plan preview's on-premises section: domain controllers per site, and the users each ring has that the Kerberos server object's policy denies.</summary>
internal static class OnPremisesText
{
    public static void Render(List<string> lines, OnPremisesPreview onPremises, OnPremisesReadinessPolicy? policy = null)
    {
        policy ??= OnPremisesReadinessPolicy.Default;
        lines.Add($"On-premises readiness (plan readiness: domainControllers {OnPremisesReadinessPolicy.Name(policy.DomainControllers)}, privilegedUsers {OnPremisesReadinessPolicy.Name(policy.PrivilegedUsers)}):");
        lines.Add("Domain controllers (every site needs a writable DC on Windows Server 2016 or later):");
        foreach (var domain in onPremises.Domains)
        {
            if (domain.Prerequisites is not { } prerequisites)
            {
                lines.Add($"  {domain.Domain}: could not be read: {domain.Error}");
                continue;
            }

            foreach (var site in prerequisites.Sites)
            {
                lines.Add(Invariant($"  {domain.Domain} site {site.Site}: {(site.IsReady ? "ready" : "NOT READY")}, {site.ServingControllers} of {site.DomainControllers.Count} DC(s) can serve cloud Kerberos trust"));
            }
        }

        lines.Add("Privileged users (denied by the Kerberos server object's Password Replication Policy; they will not get cloud Kerberos tickets):");
        foreach (var ring in onPremises.Rings)
        {
            lines.Add(Invariant($"  ring {ring.Ring}: {ring.DeniedCount} of {ring.UsersChecked} user(s)"));
            foreach (var user in ring.Denied.Take(10))
            {
                var assumed = user.PolicyFromObject ? string.Empty : " (the domain has no object yet: its default policy assumed)";
                lines.Add($"    {user.UserPrincipalName} in {user.Domain}: {string.Join("; ", user.DeniedGroups)}{assumed}");
            }

            if (ring.DeniedCount > 10)
            {
                lines.Add(Invariant($"    and {ring.DeniedCount - 10} more"));
            }

            lines.AddRange(ring.Errors.Select(e => "    could not check: " + e));
        }

        lines.Add(string.Empty);
    }
}
