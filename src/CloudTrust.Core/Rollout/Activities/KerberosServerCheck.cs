namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.CheckKerberosServers"/>.</summary>
/// <param name="Domains">The AD DNS domains to check.</param>
/// <param name="SignIn">The cloud sign-in (<c>attended</c> or <c>password</c>) by domain when the plan names it; null leaves each domain to the host's rotation policy.</param>
public sealed record KerberosServerCheckInput(IReadOnlyList<string> Domains, IReadOnlyDictionary<string, string>? SignIn = null)
{
    /// <summary>The plan's cloud sign-in for <paramref name="domain"/>, when the plan names one.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>The mode, or null when the host's own policy decides.</returns>
    public Kerberos.CloudSignInMode? SignInFor(string domain)
        => SignIn is not null && SignIn.FirstOrDefault(p => string.Equals(p.Key, domain, StringComparison.OrdinalIgnoreCase)) is { Key: not null } named && Kerberos.CloudSignInModes.TryParse(named.Value, out var mode) ? mode : null;

    /// <summary>The input for a plan: its domains and, when it names them, their sign-in modes.</summary>
    /// <param name="domains">The plan's domains.</param>
    /// <param name="signIn">The plan's sign-in, or null.</param>
    /// <returns>The input.</returns>
    public static KerberosServerCheckInput For(IReadOnlyList<string> domains, Rotation.CloudSignInPolicy? signIn)
        => new(domains, signIn is null ? null : domains.ToDictionary(d => d, d => Kerberos.CloudSignInModes.Name(signIn.For(d)), StringComparer.OrdinalIgnoreCase));
}

/// <summary>Output of <see cref="RolloutActivityNames.CheckKerberosServers"/>.</summary>
/// <param name="Domains">One result per domain.</param>
public sealed record KerberosServerCheckResult(IReadOnlyList<KerberosDomainHealth> Domains);

/// <summary>Whether one domain's Entra Kerberos server object is healthy (its on-premises and cloud halves agree).</summary>
/// <param name="Domain">The AD DNS domain.</param>
/// <param name="Healthy">True when the object exists and <c>Id</c>, domain name and key version agree with the cloud.</param>
/// <param name="Detail">What was found, for the report.</param>
public sealed record KerberosDomainHealth(string Domain, bool Healthy, string Detail);
