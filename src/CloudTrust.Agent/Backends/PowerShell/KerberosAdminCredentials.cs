namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// What the module signs in with for one domain: a Domain Admin of that domain, and either a Hybrid Identity
/// Administrator's password (<c>-CloudCredential</c>, password mode) or only that administrator's UPN for the module's
/// interactive sign-in (<c>-UserPrincipalName</c>, attended mode). Read from Key Vault inside the agent;
/// <see cref="ToString"/> hides the passwords.
/// </summary>
internal sealed class KerberosAdminCredentials
{
    public required string CloudUserName { get; init; }

    /// <summary>Gets the cloud password; null for an interactive sign-in.</summary>
    public string? CloudPassword { get; init; }

    /// <summary>Gets a value indicating whether the module signs in interactively (<c>-UserPrincipalName</c>) in the administrator's session.</summary>
    public bool CloudInteractive { get; init; }

    public required string DomainUserName { get; init; }

    public required string DomainPassword { get; init; }

    /// <summary>Gets the Key Vault secret the domain credential came from, for advice.</summary>
    public string DomainSecretName { get; init; } = string.Empty;

    public override string ToString() => $"cloud {CloudUserName} ({(CloudInteractive ? "interactive" : "password")}), domain {DomainUserName} (passwords hidden)";
}
