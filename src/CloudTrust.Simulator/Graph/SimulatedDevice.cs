namespace CloudTrust.Simulator.Graph;

/// <summary>One simulated Windows device and its primary user; compact, since a fleet holds 100,000 of them.</summary>
internal sealed class SimulatedDevice
{
    public required Guid ManagedDeviceId { get; init; }

    public required Guid AadDeviceId { get; init; }

    public required Guid ObjectId { get; init; }

    public required string Name { get; init; }

    public required int Build { get; init; }

    public required string SkuFamily { get; init; }

    public required string JoinType { get; init; }

    public required bool HasTpm { get; init; }

    public required bool CertificateTrustGpo { get; init; }

    public required bool NeverChecksIn { get; init; }

    public required TimeSpan CheckInPhase { get; init; }

    public required SimulatedUser User { get; init; }

    public TicketFault TicketFault { get; init; }

    public string OsVersion => Build >= 22000 ? $"10.0.{Build}.4460" : $"10.0.{Build}.5131";
}

/// <summary>A simulated user with their authentication-method registration.</summary>
internal sealed class SimulatedUser
{
    public required Guid Id { get; init; }

    public required string UserPrincipalName { get; init; }

    public required bool IsMfaRegistered { get; init; }

    public required bool IsAdmin { get; init; }

    public bool HasWhfb { get; set; }
}
