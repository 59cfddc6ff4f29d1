namespace CloudTrust.Benchmarks.History;

/// <summary>
/// A workflow host the history benchmark can measure: it runs the scenario's rollout to the end over the scenario's
/// activities and reports the history its instances hold: the local engine and the Durable Task runtime (the
/// Functions app's orchestrator functions under durabletask-dotnet's worker).
/// </summary>
public interface IRolloutHistoryHost
{
    /// <summary>Gets the host's name in the table, for example <c>local engine</c>.</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether the host can also run the "before" code path (rings inline).</summary>
    bool RunsInlineRings => true;

    /// <summary>Runs the rollout once and measures it.</summary>
    /// <param name="scenario">The rollout, its activities' answers and where to freeze it for the replay measurement.</param>
    /// <param name="inlineRings">
    /// True to run the code path before sub-workflows: each ring's polling inline in the rollout's own history (the ring's
    /// workflow run in place of the sub-workflow call, its continue-as-new ignored), for the "before" figures.
    /// </param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The figures.</returns>
    Task<RolloutHistoryFigures> RunAsync(RolloutHistoryScenario scenario, bool inlineRings, CancellationToken cancellationToken);
}
