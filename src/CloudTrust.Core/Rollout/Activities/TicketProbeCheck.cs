namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.DeployTicketProbe"/>.</summary>
/// <param name="GroupIds">The groups whose devices run the probe.</param>
public sealed record TicketProbeDeployInput(IReadOnlyList<Guid> GroupIds);

/// <summary>Output of <see cref="RolloutActivityNames.DeployTicketProbe"/>.</summary>
/// <param name="ScriptId">The Remediations script's id.</param>
public sealed record TicketProbeDeployResult(string ScriptId);

/// <summary>Input of <see cref="RolloutActivityNames.ReadTicketProbe"/>.</summary>
/// <param name="ScriptId">The Remediations script's id.</param>
/// <param name="SampleLimit">How many failing devices to name.</param>
/// <param name="GroupIds">Only the devices of these groups (one ring); null for every device the probe ran on.</param>
/// <param name="KerberosDomains">The AD domains known to have a Kerberos server object, to classify failing devices; null when unknown.</param>
public sealed record TicketProbeReadInput(string ScriptId, int SampleLimit, IReadOnlyList<Guid>? GroupIds = null, IReadOnlyList<string>? KerberosDomains = null);
