using System.Security.Cryptography.X509Certificates;

namespace CloudTrust.Integrations.Relay;

/// <summary>How the cloud side reaches the on-premises agent through Azure Relay.</summary>
public sealed record RelaySenderOptions
{
    /// <summary>Gets the relay namespace's address, for example <c>https://contoso.servicebus.windows.net/</c>.</summary>
    public required Uri RelayAddress { get; init; }

    /// <summary>Gets the hybrid connection's name.</summary>
    public required string HybridConnectionName { get; init; }

    /// <summary>Gets the name of the shared access rule with the Send right.</summary>
    public required string SendRuleName { get; init; }

    /// <summary>Gets the Key Vault secret holding the Send rule's key.</summary>
    public string SendKeySecretName { get; init; } = "relay-send-key";

    /// <summary>Gets the Key Vault secret holding the request-signing key shared with the agent (base64).</summary>
    public string SigningKeySecretName { get; init; } = "agent-request-signing-key";

    /// <summary>Gets how long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how many attempts an idempotent operation gets when the relay or agent is unreachable.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Gets the delay before the second attempt; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long a SAS token is valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Gets the one extra certificate to trust (the simulator's); null against the real cloud.</summary>
    public X509Certificate2? PinnedCertificate { get; init; }
}
