using System.Collections.Concurrent;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;

namespace CloudTrust.Benchmarks.History;

/// <summary>
/// The rollout's activities as the history benchmark answers them, without a tenant: preflight finds nothing in the
/// way, and each ring's devices stay below the threshold until read <see cref="RolloutHistoryScenario.PassAtRead"/>.
/// A host registers these functions under <see cref="RolloutActivityNames"/>. One read can be held (the process
/// "dies" while it is in flight) so that a restart replays the largest history there is.
/// </summary>
/// <param name="scenario">The scenario.</param>
public sealed class ScenarioActivities(RolloutHistoryScenario scenario)
{
    private const int Devices = 1000;
    private readonly ConcurrentDictionary<Guid, int> reads = new();
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets the read to hold: ring number and the ring's read number; none when null.</summary>
    public (int Ring, int Read)? Hold { get; set; }

    /// <summary>Gets a task that completes when the held read has started (the instance is then at its largest).</summary>
    public Task Held => held.Task;

    /// <summary>Gets how many reads were answered, over every ring.</summary>
    public int Reads => reads.Values.Sum();

    /// <summary>Answers <see cref="RolloutActivityNames.ResolveRingGroups"/>: the plan names groups by id only.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Nothing to resolve.</returns>
    public Task<ResolveRingGroupsResult> ResolveRingGroupsAsync(ResolveRingGroupsInput input, CancellationToken cancellationToken)
        => Task.FromResult(new ResolveRingGroupsResult(new Dictionary<string, Guid>(), [], []));

    /// <summary>Answers <see cref="RolloutActivityNames.CheckKerberosServers"/>: every domain healthy.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Healthy domains.</returns>
    public Task<KerberosServerCheckResult> CheckKerberosServersAsync(KerberosServerCheckInput input, CancellationToken cancellationToken)
        => Task.FromResult(new KerberosServerCheckResult([.. input.Domains.Select(d => new KerberosDomainHealth(d, true, "healthy"))]));

    /// <summary>Answers <see cref="RolloutActivityNames.CheckOnPremisesReadiness"/>: no agent to ask, nothing read.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Not checked.</returns>
    public Task<OnPremisesReadinessResult> CheckOnPremisesReadinessAsync(OnPremisesReadinessInput input, CancellationToken cancellationToken)
        => Task.FromResult(new OnPremisesReadinessResult(false, null));

    /// <summary>Answers <see cref="RolloutActivityNames.FindConflicts"/>: none.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>No conflicts.</returns>
    public Task<ConflictScanResult> FindConflictsAsync(ConflictScanInput input, CancellationToken cancellationToken)
        => Task.FromResult(new ConflictScanResult([], 0));

    /// <summary>Answers <see cref="RolloutActivityNames.ReadHelloSources"/>: nothing configures WHfB yet.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>An empty reading per ring.</returns>
    public Task<HelloSourcesReading> ReadHelloSourcesAsync(HelloSourcesInput input, CancellationToken cancellationToken)
        => Task.FromResult(new HelloSourcesReading([.. input.Rings.Select(_ => new HelloSourcesResult([], [], TrustModelEvidence.None))]));

    /// <summary>Answers <see cref="RolloutActivityNames.EnsureProfile"/>: created.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>The profile.</returns>
    public Task<EnsureProfileResult> EnsureProfileAsync(EnsureProfileInput input, CancellationToken cancellationToken)
        => Task.FromResult(new EnsureProfileResult("policy-history-bench", ProfileAction.Created, []));

    /// <summary>Answers <see cref="RolloutActivityNames.AssessReadiness"/>: every device ready.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Readiness.</returns>
    public Task<ReadinessResult> AssessReadinessAsync(ReadinessInput input, CancellationToken cancellationToken)
        => Task.FromResult(new ReadinessResult(Devices, 0, Devices, 0, 0, []));

    /// <summary>Answers <see cref="RolloutActivityNames.AssignGroups"/>: the groups asked for are added.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>The assignment.</returns>
    public Task<AssignGroupsResult> AssignGroupsAsync(AssignGroupsInput input, CancellationToken cancellationToken)
        => Task.FromResult(new AssignGroupsResult(input.Add, input.Add, input.Remove));

    /// <summary>
    /// Answers <see cref="RolloutActivityNames.ReadRingStatus"/>: 60 % succeeded and the rest pending until the ring's
    /// read <see cref="RolloutHistoryScenario.PassAtRead"/>, 99 % from then on. A read counts once it returns.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels a held read (the engine stopping).</param>
    /// <returns>The ring's counts.</returns>
    public async Task<RingStatusResult> ReadRingStatusAsync(RingStatusInput input, CancellationToken cancellationToken)
    {
        var group = input.GroupIds[0];
        var ring = Enumerable.Range(1, scenario.Rings).First(n => RolloutHistoryScenario.GroupOf(n) == group);
        var read = reads.GetValueOrDefault(group) + 1;
        if (Hold is { } hold && hold.Ring == ring && hold.Read == read)
        {
            Hold = null;
            held.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        reads[group] = read;
        var succeeded = read >= scenario.PassAtRead ? Devices * 99 / 100 : Devices * 60 / 100;
        return new RingStatusResult(new RingCounts(Devices, succeeded, 0, 0, Devices - succeeded, 0), []);
    }
}
