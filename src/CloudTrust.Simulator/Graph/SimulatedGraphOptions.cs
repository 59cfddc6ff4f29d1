namespace CloudTrust.Simulator.Graph;

/// <summary>How the simulated Microsoft Graph behaves.</summary>
public sealed record SimulatedGraphOptions
{
    /// <summary>Gets the share (0..1) of Graph requests answered 429 or 503 with <c>Retry-After</c>.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Gets the share of throttled answers that are 503 instead of 429.</summary>
    public double ServiceUnavailableShare { get; init; } = 0.25;

    /// <summary>Gets the <c>Retry-After</c> value, in seconds, sent with throttled answers.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Gets the page size of collections when the client does not ask for one.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Gets the largest <c>$top</c> a collection honours.</summary>
    public int MaxPageSize { get; init; } = 999;

    /// <summary>Gets the largest <c>top</c> the device report honours.</summary>
    public int MaxReportPageSize { get; init; } = 1000;

    /// <summary>Gets how often a device checks in with Intune (simulated time).</summary>
    public TimeSpan CheckInInterval { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Gets the application permissions the app's token carries. Graph returns only <c>id</c> and <c>@odata.type</c> for
    /// group members the app may not read ("Limited information returned for inaccessible member objects"): devices
    /// need Device.Read.All or Directory.Read.All. The default grants Device.Read.All, which the product's read of a ring's
    /// devices needs (the README's permission table).
    /// </summary>
    public IReadOnlySet<string> ApplicationPermissions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "DeviceManagementConfiguration.ReadWrite.All",
        "DeviceManagementManagedDevices.Read.All",
        "DeviceManagementScripts.ReadWrite.All",
        "GroupMember.Read.All",
        "DeviceManagementServiceConfig.Read.All",
        "Group.Create",
        "AuditLog.Read.All",
        "Device.Read.All",
    };

    /// <summary>
    /// Gets whether the simulator also checks its own successful answers against the metadata and records what they
    /// name that the metadata lacks (<see cref="SimulatedGraph.AnswerViolations"/>). Off by default: it buffers and
    /// parses every answer.
    /// </summary>
    public bool CheckAnswers { get; init; }

    /// <summary>Gets the answers that are not what the client asked for, for the bad-input tests (none by default).</summary>
    public GraphResponseFaults Faults { get; init; } = new();

    /// <summary>Gets the seed for the fleet and for throttling decisions.</summary>
    public int Seed { get; init; } = 20261122;

    /// <summary>Gets the AD DNS domain of the fleet's users (the one with a Kerberos server object), as devices report it.</summary>
    public string UserDnsDomain { get; init; } = "corp.contoso.example";
}
