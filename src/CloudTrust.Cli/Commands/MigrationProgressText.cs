using System.Globalization;
using CloudTrust.Cli.Preview;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Cli.Commands;

/// <summary>One line per migrating ring for <c>rollout status</c>: what its migration did so far.</summary>
public static class MigrationProgressText
{
    /// <summary>Describes a ring's migration, or null when the ring does not migrate.</summary>
    /// <param name="ring">The ring's report.</param>
    /// <returns>For example <c>ring 'legacy' from certificate trust: certificate trust off (1 policy); containers deleted on 40 device(s); 38 of 45 user(s) provisioned again (approved by alice)</c>.</returns>
    public static string? Describe(RingReport ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.Migration is not { } m)
        {
            return null;
        }

        var parts = new List<string>();
        if (m.CertificateTrustDisabled.Count is > 0 and var count)
        {
            var policies = count == 1 ? "1 policy" : $"{count} policies";
            parts.Add(m.CertificateTrustRestored ? $"certificate trust taken off ({policies}) and restored by the abort" : $"certificate trust off ({policies})");
        }

        if (m.Reprovisioning is { } r)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"containers deleted on {r.ContainersDeleted} device(s); {r.Reprovisioned} of {r.Users} user(s) provisioned again (approved by {m.DeletionApproval?.By ?? "(unnamed)"})"));
        }
        else if (m.From == TrustModel.CertificateTrust && m.DeletionScriptId is null)
        {
            parts.Add("Hello containers not deleted");
        }

        if (m.SignIn is { } s)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Working} device(s) get cloud and on-premises TGTs after signing out and in ({s.Reported} reported, {s.OnPremTgtMissing} without OnPremTgt)"));
        }

        return $"ring '{ring.Name}' from {RingAnalysisText.Model(m.From)}: {string.Join("; ", parts)}";
    }
}
