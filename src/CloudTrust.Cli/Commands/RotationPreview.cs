using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// One domain's line of <c>rotate plan</c>: what a rotation run with the same policy and options would do to its key
/// now, and why — decided by the workflow's own <see cref="RotationDecision"/> on the server object read through the agent.
/// </summary>
/// <param name="Domain">The domain.</param>
/// <param name="Action"><c>rotate</c>, <c>skip</c> or <c>cannot read</c>.</param>
/// <param name="Reason">Why.</param>
/// <param name="NeedsApproval">Whether the policy makes a person approve before the key changes.</param>
/// <param name="KeyVersion">The on-premises key version read.</param>
/// <param name="KeyAgeDays">The key's age in days by the tenant's clock.</param>
internal sealed record RotationPreview(string Domain, string Action, string Reason, bool NeedsApproval, long? KeyVersion, double? KeyAgeDays)
{
    /// <summary>Reads each domain and decides, writing nothing.</summary>
    public static async Task<IReadOnlyList<RotationPreview>> ReadAsync(RelaySender sender, RotationPolicy policy, RotationMode mode, IReadOnlyList<string> domains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<RotationPreview>();
        foreach (var domain in domains)
        {
            var outcome = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer(domain), cancellationToken);
            if (!outcome.Succeeded || outcome.Result!.Server is not { } server)
            {
                var why = outcome.Kind == RelayOutcomeKind.Unavailable ? $"the agent could not be reached: {outcome.Message}" : $"{outcome.ErrorCode ?? outcome.Result?.ErrorCode}: {outcome.Result?.ErrorMessage ?? outcome.Message}";
                rows.Add(new(domain, "cannot read", why + "; a run would fail this domain", policy.RequireApproval, null, null));
                continue;
            }

            var decision = RotationDecision.Decide(policy, mode, server, now);
            var age = server.KeyUpdatedOn is { } updated ? Math.Round((now - updated).TotalDays, 1) : (double?)null;
            var reason = decision.Rotate
                ? (mode == RotationMode.Now ? "rotate now was asked and the server object is healthy" : $"the key is due (older than {policy.MaxKeyAge.TotalDays:0.#} days{(policy.Window is null ? string.Empty : ", inside the maintenance window")})")
                  + (policy.RequireApproval ? "; the policy waits for a person's approval first" : string.Empty)
                : decision.SkipReason!;
            rows.Add(new(domain, decision.Rotate ? "rotate" : "skip", reason, policy.RequireApproval && decision.Rotate, server.KeyVersion, age));
        }

        return rows;
    }
}
