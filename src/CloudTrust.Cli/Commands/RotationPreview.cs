using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// One domain's line of <c>rotate plan</c>: what a rotation run with the same policy and options would do to its key
/// now, and why — decided by the workflow's own <see cref="RotationDecision"/> on the server object read through the
/// agent. A domain whose cloud sign-in is attended is read from the directory (no cloud sign-in): its key's age is the
/// on-premises one, and its cloud half is not read.
/// </summary>
/// <param name="Domain">The domain.</param>
/// <param name="Action"><c>rotate</c>, <c>skip</c> or <c>cannot read</c>.</param>
/// <param name="Reason">Why.</param>
/// <param name="NeedsApproval">Whether the policy makes a person approve before the key changes.</param>
/// <param name="KeyVersion">The on-premises key version read.</param>
/// <param name="KeyAgeDays">The key's age in days by the tenant's clock.</param>
/// <param name="CloudSignIn">The domain's cloud sign-in by the policy.</param>
/// <param name="CloudHalf">Why the cloud half was not read (attended); null when it was read.</param>
internal sealed record RotationPreview(string Domain, string Action, string Reason, bool NeedsApproval, long? KeyVersion, double? KeyAgeDays, string? CloudSignIn = null, string? CloudHalf = null)
{
    /// <summary>Reads each domain and decides, writing nothing.</summary>
    public static async Task<IReadOnlyList<RotationPreview>> ReadAsync(RelaySender sender, RotationPolicy policy, RotationMode mode, IReadOnlyList<string> domains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<RotationPreview>();
        foreach (var domain in domains)
        {
            var row = policy.SignIn.For(domain) == CloudSignInMode.Attended
                ? await AttendedAsync(sender, policy, mode, domain, now, cancellationToken)
                : await PasswordAsync(sender, policy, mode, domain, now, cancellationToken);
            rows.Add(row with { CloudSignIn = CloudSignInModes.Name(policy.SignIn.For(domain)) });
        }

        return rows;
    }

    private static async Task<RotationPreview> PasswordAsync(RelaySender sender, RotationPolicy policy, RotationMode mode, string domain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer(domain), cancellationToken);
        if (!outcome.Succeeded || outcome.Result!.Server is not { } server)
        {
            return CannotRead(domain, outcome, policy);
        }

        var decision = RotationDecision.Decide(policy, mode, server, now);
        var reason = decision.Rotate ? Going(policy, mode, "the server object is healthy") : decision.SkipReason!;
        return new(domain, decision.Rotate ? "rotate" : "skip", reason, policy.RequireApproval && decision.Rotate, server.KeyVersion, Age(server.KeyUpdatedOn, now));
    }

    private static async Task<RotationPreview> AttendedAsync(RelaySender sender, RotationPolicy policy, RotationMode mode, string domain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(KerberosOperationRequest.ReadKerberosServerDirectory(domain), cancellationToken);
        if (!outcome.Succeeded || outcome.Result!.Directory is not { } directory)
        {
            return CannotRead(domain, outcome, policy);
        }

        var reading = KerberosServerReading.OfDirectory(domain, directory);
        if (reading.State != KerberosServerState.CloudNotRead)
        {
            return new(domain, "cannot read", reading.Detail + "; a run would fail this domain", policy.RequireApproval, directory.KeyVersion, Age(directory.KeyUpdatedOn, now)) { CloudHalf = KerberosDirectoryObject.CloudNotReadText };
        }

        var decision = RotationDecision.DecideAttended(policy, mode, directory.KeyUpdatedOn, now, "the directory's key update time");
        var reason = decision.Rotate
            ? Going(policy, mode, "the on-premises half is sound") + "; attended: an administrator signs in on the agent's host to run it, and the cloud half is compared there"
            : decision.SkipReason!;
        return new(domain, decision.Rotate ? "rotate" : "skip", reason, policy.RequireApproval && decision.Rotate, directory.KeyVersion, Age(directory.KeyUpdatedOn, now))
        {
            CloudHalf = KerberosDirectoryObject.CloudNotReadText,
        };
    }

    private static RotationPreview CannotRead(string domain, RelayOutcome outcome, RotationPolicy policy)
    {
        var why = outcome.Kind == RelayOutcomeKind.Unavailable ? $"the agent could not be reached: {outcome.Message}" : $"{outcome.ErrorCode ?? outcome.Result?.ErrorCode}: {outcome.Result?.ErrorMessage ?? outcome.Message}";
        return new(domain, "cannot read", why + "; a run would fail this domain", policy.RequireApproval, null, null);
    }

    private static string Going(RotationPolicy policy, RotationMode mode, string health)
        => (mode == RotationMode.Now ? "rotate now was asked and " + health : $"the key is due (older than {policy.MaxKeyAge.TotalDays:0.#} days{(policy.Window is null ? string.Empty : ", inside the maintenance window")})")
            + (policy.RequireApproval ? "; the policy waits for a person's approval first" : string.Empty);

    private static double? Age(DateTimeOffset? updated, DateTimeOffset now) => updated is { } at ? Math.Round((now - at).TotalDays, 1) : null;
}
