namespace CloudTrust.Benchmarks.History;

/// <summary>What one run of the history benchmark measured.</summary>
/// <param name="Host">The host's name.</param>
/// <param name="CodePath">Which code path ran: rings inline in the rollout, or ring sub-workflows that continue as new.</param>
/// <param name="Outcome">The rollout's outcome (it must complete for the figures to mean anything).</param>
/// <param name="Instances">How many instances the rollout used (itself and its ring instances).</param>
/// <param name="Polls">Ring status reads over every ring.</param>
/// <param name="LargestHistory">The most history events one instance held at once (one execution's journal).</param>
/// <param name="LargestInstance">Which instance that was.</param>
/// <param name="EventsWritten">History events written over every instance and execution.</param>
/// <param name="Replay">From restarting the engine to the first new step of the largest instance, frozen at its largest.</param>
/// <param name="Run">How long the whole rollout took to run.</param>
public sealed record RolloutHistoryFigures(
    string Host,
    string CodePath,
    string Outcome,
    int Instances,
    int Polls,
    int LargestHistory,
    string LargestInstance,
    long EventsWritten,
    TimeSpan Replay,
    TimeSpan Run);
