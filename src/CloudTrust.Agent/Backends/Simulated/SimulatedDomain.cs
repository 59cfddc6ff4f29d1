using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Validation;

namespace CloudTrust.Agent.Backends.Simulated;

/// <summary>One AD domain of the simulated forest, as persisted.</summary>
internal sealed class SimulatedDomain
{
    /// <summary>Gets or sets the domain's DNS name.</summary>
    public required string DnsName { get; set; }

    /// <summary>Gets or sets a value indicating whether the cloud half of its Kerberos server object lags behind changes until <see cref="SimulatedActiveDirectory.SyncCloud"/>.</summary>
    public bool CloudLags { get; set; }

    /// <summary>
    /// Gets or sets how long a lagging cloud half takes to catch up with a change, as a real tenant's replication does;
    /// null means never by itself (only <see cref="SimulatedActiveDirectory.SyncCloud"/>).
    /// </summary>
    public TimeSpan? CloudCatchesUpAfter { get; set; }

    /// <summary>Gets or sets the domain controllers.</summary>
    public List<DomainController> DomainControllers { get; set; } = [];

    /// <summary>
    /// Gets or sets the accounts (as the domain credential names them) that are Domain Admins of this domain; empty
    /// accepts any. A child domain lists only its own, so the forest root's admin gets the module's
    /// SecondaryKrbTgtNumber error there, as in real forests.
    /// </summary>
    public List<string> DomainAdmins { get; set; } = [];

    /// <summary>Gets or sets a module error text every module operation on this domain answers with (for example <see cref="ModuleErrorTexts.PlatformNotSupported"/>).</summary>
    public string? ModuleFailure { get; set; }

    /// <summary>Gets or sets the users' UPNs.</summary>
    public List<string> Users { get; set; } = [];

    /// <summary>Gets or sets the groups: name to members (UPNs, or names of nested groups).</summary>
    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the groups the Kerberos server object's Password Replication Policy denies.</summary>
    public List<string> DeniedGroups { get; set; } =
    [
        "Domain Admins", "Enterprise Admins", "Schema Admins", "Administrators", "Account Operators",
        "Server Operators", "Print Operators", "Backup Operators", "Domain Controllers", "Read-only Domain Controllers",
    ];

    /// <summary>Gets or sets the computer accounts' distinguished names, for example <c>CN=PC01,OU=Pilot,DC=contoso,DC=com</c>.</summary>
    public List<string> Computers { get; set; } = [];

    /// <summary>Gets or sets the domain's GPOs (WHfB or not) with their links.</summary>
    public List<SimulatedGroupPolicy> GroupPolicies { get; set; } = [];

    /// <summary>Gets or sets the Kerberos server object, when one exists.</summary>
    public SimulatedKerberosServer? Server { get; set; }

    /// <summary>Gets the domain's distinguished name, for example <c>DC=contoso,DC=com</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DistinguishedName => string.Join(',', DnsName.Split('.').Select(label => "DC=" + label));
}

/// <summary>The simulated Microsoft Entra Kerberos server object: both halves.</summary>
internal sealed class SimulatedKerberosServer
{
    public long Id { get; set; }

    public long KeyVersion { get; set; }

    public DateTimeOffset KeyUpdatedOn { get; set; }

    public string KeyUpdatedFrom { get; set; } = string.Empty;

    public long? CloudId { get; set; }

    public string? CloudDomainDnsName { get; set; }

    public long? CloudKeyVersion { get; set; }

    public DateTimeOffset? CloudKeyUpdatedOn { get; set; }

    /// <summary>
    /// Gets or sets the <c>krbtgt_AzureAD</c> user's userAccountControl: 514 (NORMAL_ACCOUNT | ACCOUNTDISABLE) as the
    /// module creates it; a directory read reports what is stored here.
    /// </summary>
    public int UserAccountControl { get; set; } = 0x202;

    /// <summary>Gets or sets how many times the key was rotated (tests check a retried rotation does not rotate twice).</summary>
    public int Rotations { get; set; }
}

/// <summary>One module sign-in the simulated directory saw; never a password.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="DomainUserName">The domain credential's account.</param>
/// <param name="CloudUserName">The cloud account.</param>
/// <param name="Interactive">Whether the cloud sign-in was interactive (attended).</param>
internal sealed record SimulatedSignIn(string Domain, string DomainUserName, string CloudUserName, bool Interactive);
