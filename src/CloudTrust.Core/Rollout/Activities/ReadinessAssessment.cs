namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.AssessReadiness"/>.</summary>
/// <param name="GroupIds">The ring's groups.</param>
/// <param name="StaleAfter">How long without check-in makes a device stale.</param>
/// <param name="SampleLimit">How many not-ready devices and users to name.</param>
public sealed record ReadinessInput(IReadOnlyList<Guid> GroupIds, TimeSpan StaleAfter, int SampleLimit);

/// <summary>Output of <see cref="RolloutActivityNames.AssessReadiness"/>.</summary>
/// <param name="Devices">Managed devices in the groups.</param>
/// <param name="DevicesNotReady">Of those, how many fail a readiness rule.</param>
/// <param name="Users">Primary users of those devices.</param>
/// <param name="UsersNotReady">Of those, how many fail a readiness rule (no MFA, privileged).</param>
/// <param name="UsersWithWhfb">Of those, how many already registered Windows Hello for Business.</param>
/// <param name="Samples">Named examples: <c>name: reason</c>.</param>
public sealed record ReadinessResult(int Devices, int DevicesNotReady, int Users, int UsersNotReady, int UsersWithWhfb, IReadOnlyList<string> Samples);
