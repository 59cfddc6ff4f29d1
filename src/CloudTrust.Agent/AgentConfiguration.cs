namespace CloudTrust.Agent;

/// <summary>The agent's settings (section <c>Agent</c> of appsettings.json or environment variables <c>Agent__…</c>).</summary>
public sealed class AgentConfiguration
{
    /// <summary>Gets or sets the relay namespace's address.</summary>
    public Uri? RelayAddress { get; set; }

    /// <summary>Gets or sets the hybrid connection's name.</summary>
    public string HybridConnectionName { get; set; } = "cloudtrust-agent";

    /// <summary>Gets or sets the Listen rule's name.</summary>
    public string ListenRuleName { get; set; } = "agent-listen";

    /// <summary>Gets or sets the Key Vault's address.</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>Gets or sets the Entra tenant id.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Gets or sets the agent's application (client) id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the agent's client secret (keep it in protected configuration; never logged).</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the Entra authority host; the public cloud's when null (the simulator's address for a simulated tenant).</summary>
    public Uri? AuthorityHost { get; set; }

    /// <summary>
    /// Gets or sets the path of one extra certificate to trust for the relay and Key Vault (a public .cer/.pem file: the
    /// simulator's, which <c>cloudtrust simulator</c> writes beside its tenant.json); null against the real cloud.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>Gets or sets the backend: <c>PowerShell</c> (Windows) or <c>Simulated</c>.</summary>
    public string Backend { get; set; } = OperatingSystem.IsWindows() ? "PowerShell" : "Simulated";

    /// <summary>Gets or sets the directory for the rotation journal and the simulated directory.</summary>
    public string StateDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "state");

    /// <inheritdoc />
    public override string ToString() => $"relay {RelayAddress}{HybridConnectionName}, vault {VaultUri}, backend {Backend}";
}
