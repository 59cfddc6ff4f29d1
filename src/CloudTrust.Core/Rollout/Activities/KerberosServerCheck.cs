namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.CheckKerberosServers"/>.</summary>
/// <param name="Domains">The AD DNS domains to check.</param>
public sealed record KerberosServerCheckInput(IReadOnlyList<string> Domains);

/// <summary>Output of <see cref="RolloutActivityNames.CheckKerberosServers"/>.</summary>
/// <param name="Domains">One result per domain.</param>
public sealed record KerberosServerCheckResult(IReadOnlyList<KerberosDomainHealth> Domains);

/// <summary>Whether one domain's Entra Kerberos server object is healthy (its on-premises and cloud halves agree).</summary>
/// <param name="Domain">The AD DNS domain.</param>
/// <param name="Healthy">True when the object exists and <c>Id</c>, domain name and key version agree with the cloud.</param>
/// <param name="Detail">What was found, for the report.</param>
public sealed record KerberosDomainHealth(string Domain, bool Healthy, string Detail);
