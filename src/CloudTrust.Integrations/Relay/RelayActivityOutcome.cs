using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>How relay activities turn a <see cref="RelayOutcome"/> into a journaled per-domain outcome.</summary>
internal static class RelayActivityOutcome
{
    /// <summary>Agent answers become the outcome; an unreachable agent throws, so the workflow's retry policy applies.</summary>
    public static DomainKerberosOutcome ToDomainOutcome(string domain, RelayOutcome outcome) => outcome.Kind switch
    {
        RelayOutcomeKind.Unavailable => throw new RelayUnavailableException($"the agent for {domain} could not be reached: {outcome.Message}"),
        _ when outcome.Result is { } result => DomainKerberosOutcome.From(domain, result),
        _ => DomainKerberosOutcome.Failed(domain, outcome.ErrorCode ?? KerberosErrorCodes.BackendFailed, outcome.Message ?? "refused", retryable: false),
    };
}
