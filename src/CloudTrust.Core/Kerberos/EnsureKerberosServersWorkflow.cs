using CloudTrust.Core.Workflows;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Makes sure every domain of a plan has a Microsoft Entra Kerberos server object: one
/// <see cref="EnsureKerberosServerActivityName"/> activity per domain, all at once, each result collected. One
/// domain's failure is reported for that domain and never fails the workflow. The rollout's preflight uses it.
/// </summary>
public sealed class EnsureKerberosServersWorkflow : IWorkflow<EnsureKerberosServersInput, EnsureKerberosServersOutput>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "EnsureKerberosServers";

    /// <summary>The activity that ensures one domain's object through the relay.</summary>
    public const string EnsureKerberosServerActivityName = "EnsureKerberosServer";

    /// <summary>Gets the retry policy for each domain's activity (transport failures only; the activity returns agent errors).</summary>
    public static ActivityRetryPolicy Retry { get; } = new(3, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    public async Task<EnsureKerberosServersOutput> RunAsync(IWorkflowContext context, EnsureKerberosServersInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var domains = (input.Domains ?? []).Select(d => d.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        context.SetCustomStatus(new { phase = "ensuring", domains = domains.Count });
        var outcomes = await Task.WhenAll(domains.Select(domain => EnsureOne(context, domain)));
        var output = new EnsureKerberosServersOutput(outcomes);
        context.SetCustomStatus(new { phase = "done", healthy = output.HealthyCount, failed = outcomes.Count(o => !o.Succeeded) });
        return output;
    }

    private static async Task<DomainKerberosOutcome> EnsureOne(IWorkflowContext context, string domain)
    {
        if (!DnsName.IsValid(domain, out var problem))
        {
            return DomainKerberosOutcome.Failed(domain, KerberosErrorCodes.InvalidRequest, "domain " + problem, retryable: false);
        }

        try
        {
            return await context.CallActivityAsync<DomainKerberosOutcome>(EnsureKerberosServerActivityName, new KerberosDomainInput(domain), Retry);
        }
        catch (ActivityFailedException ex)
        {
            return DomainKerberosOutcome.Failed(domain, KerberosErrorCodes.RelayUnavailable, ex.Failure.Message, retryable: true);
        }
    }
}

/// <summary>The input of <see cref="EnsureKerberosServersWorkflow"/>.</summary>
/// <param name="Domains">The DNS names of the plan's domains.</param>
public sealed record EnsureKerberosServersInput(IReadOnlyList<string> Domains);

/// <summary>The output of <see cref="EnsureKerberosServersWorkflow"/>: one outcome per domain, in input order.</summary>
/// <param name="Domains">The outcomes.</param>
public sealed record EnsureKerberosServersOutput(IReadOnlyList<DomainKerberosOutcome> Domains)
{
    /// <summary>Gets how many domains have a healthy object.</summary>
    public int HealthyCount => Domains.Count(d => d.IsHealthy);
}

/// <summary>The input of a per-domain Kerberos activity.</summary>
/// <param name="Domain">The domain's DNS name.</param>
public sealed record KerberosDomainInput(string Domain);
