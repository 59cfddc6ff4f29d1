using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.ReadRingStatus"/>.</summary>
/// <param name="Mode">Settings catalog or custom OMA-URI.</param>
/// <param name="PolicyId">Our profile's id.</param>
/// <param name="GroupIds">The ring's groups.</param>
/// <param name="SampleLimit">How many failing devices to name.</param>
public sealed record RingStatusInput(ProfileMode Mode, string PolicyId, IReadOnlyList<Guid> GroupIds, int SampleLimit);

/// <summary>Output of <see cref="RolloutActivityNames.ReadRingStatus"/>.</summary>
/// <param name="Counts">The ring's device states.</param>
/// <param name="Failing">Up to the sample limit of devices in error or conflict.</param>
public sealed record RingStatusResult(RingCounts Counts, IReadOnlyList<DeviceIssue> Failing);

/// <summary>One device that did not apply the policy.</summary>
/// <param name="DeviceId">The device id.</param>
/// <param name="DeviceName">The device name.</param>
/// <param name="State">Its policy state, for example <c>error</c> or <c>conflict</c>.</param>
public sealed record DeviceIssue(string DeviceId, string DeviceName, string State);
