using CloudTrust.Core.Kerberos;

namespace CloudTrust.Core.Rollout.Preview;

/// <summary>Each plan domain's Kerberos server object as it is now.</summary>
/// <param name="Domains">One reading per plan domain, in plan order.</param>
public sealed record KerberosPreview(IReadOnlyList<KerberosServerReading> Domains)
{
    /// <summary>Gets the domains whose object is missing: the rollout's preflight would create these.</summary>
    public IReadOnlyList<string> ToCreate => [.. Domains.Where(d => d.State == KerberosServerState.Missing).Select(d => d.Domain)];
}
