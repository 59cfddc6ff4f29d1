using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The <see cref="EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName"/> activity: asks the agent to
/// ensure one domain's Kerberos server object. Agent answers (success or a domain-level error) become the outcome;
/// an unreachable relay or agent throws <see cref="RelayUnavailableException"/> so the workflow's retry policy applies.
/// </summary>
public sealed class EnsureKerberosServerActivity : IActivity<KerberosDomainInput, DomainKerberosOutcome>
{
    private readonly RelaySender sender;

    /// <summary>Initializes a new instance of the <see cref="EnsureKerberosServerActivity"/> class.</summary>
    /// <param name="sender">The relay sender.</param>
    public EnsureKerberosServerActivity(RelaySender sender) => this.sender = sender ?? throw new ArgumentNullException(nameof(sender));

    /// <inheritdoc />
    public async Task<DomainKerberosOutcome> RunAsync(KerberosDomainInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer(input.Domain), cancellationToken);
        return RelayActivityOutcome.ToDomainOutcome(input.Domain, outcome);
    }
}
