using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// Rotates one domain's Kerberos server key through the relay, once per <see cref="KerberosRotationInput.OperationId"/>:
/// the agent returns the first result to every retry, so running this activity twice never rotates twice.
/// </summary>
public sealed class RotateKerberosServerKeyActivity : IActivity<KerberosRotationInput, DomainKerberosOutcome>
{
    /// <summary>The activity's conventional registered name.</summary>
    public const string Name = "RotateKerberosServerKey";

    private readonly RelaySender sender;

    /// <summary>Initializes a new instance of the <see cref="RotateKerberosServerKeyActivity"/> class.</summary>
    /// <param name="sender">The relay sender.</param>
    public RotateKerberosServerKeyActivity(RelaySender sender) => this.sender = sender ?? throw new ArgumentNullException(nameof(sender));

    /// <inheritdoc />
    public async Task<DomainKerberosOutcome> RunAsync(KerberosRotationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await sender.SendAsync(KerberosOperationRequest.RotateKerberosServerKey(input.Domain, input.OperationId), cancellationToken);
        return RelayActivityOutcome.ToDomainOutcome(input.Domain, outcome);
    }
}
