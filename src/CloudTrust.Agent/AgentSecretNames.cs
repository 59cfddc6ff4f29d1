namespace CloudTrust.Agent;

/// <summary>The names of the Key Vault secrets the agent reads.</summary>
public sealed record AgentSecretNames
{
    /// <summary>Gets the secret holding the relay Listen rule's key.</summary>
    public string ListenKey { get; init; } = "relay-listen-key";

    /// <summary>Gets the secret holding the request-signing key shared with the sender (base64).</summary>
    public string SigningKey { get; init; } = "agent-request-signing-key";

    /// <summary>Gets the secret holding the admin credentials as JSON (<c>cloudUserName, cloudPassword, domainUserName, domainPassword</c>).</summary>
    public string AdminCredentials { get; init; } = "kerberos-admin-credentials";
}
