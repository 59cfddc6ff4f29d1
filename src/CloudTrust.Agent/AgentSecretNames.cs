namespace CloudTrust.Agent;

/// <summary>The names of the Key Vault secrets the agent reads.</summary>
public sealed record AgentSecretNames
{
    /// <summary>The prefix of a domain's own Domain Admin secret; see <see cref="DomainAdminFor"/>.</summary>
    public const string DomainAdminPrefix = "kerberos-domain-admin--";

    /// <summary>Gets the secret holding the relay Listen rule's key.</summary>
    public string ListenKey { get; init; } = "relay-listen-key";

    /// <summary>Gets the secret holding the request-signing key shared with the sender (base64).</summary>
    public string SigningKey { get; init; } = "agent-request-signing-key";

    /// <summary>
    /// Gets the forest's secret, JSON (<c>domainUserName, domainPassword</c>, and for password mode
    /// <c>cloudUserName, cloudPassword</c>): the Domain Admin used for a domain without its own secret, and the
    /// cloud account of password mode.
    /// </summary>
    public string AdminCredentials { get; init; } = "kerberos-admin-credentials";

    /// <summary>
    /// Names a domain's own Domain Admin secret, JSON (<c>domainUserName, domainPassword</c>): Key Vault names allow
    /// letters, digits and dashes only, so each dot becomes two dashes, for example
    /// <c>kerberos-domain-admin--emea--contoso--com</c> for <c>emea.contoso.com</c>.
    /// </summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <returns>The secret's name.</returns>
    public static string DomainAdminFor(string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        return DomainAdminPrefix + domain.Trim().TrimEnd('.').ToLowerInvariant().Replace(".", "--", StringComparison.Ordinal);
    }
}
