using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Checks every plan domain's Entra Kerberos server object through the health port.</summary>
/// <param name="port">The agent (or, for now, the simulated tenant).</param>
public sealed class CheckKerberosServersActivity(IKerberosServerHealthPort port) : IActivity<KerberosServerCheckInput, KerberosServerCheckResult>
{
    /// <inheritdoc />
    public async Task<KerberosServerCheckResult> RunAsync(KerberosServerCheckInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = new List<KerberosDomainHealth>();
        foreach (var domain in input.Domains)
        {
            results.Add(await port.CheckAsync(domain, input.SignInFor(domain), cancellationToken));
        }

        return new KerberosServerCheckResult(results);
    }
}
