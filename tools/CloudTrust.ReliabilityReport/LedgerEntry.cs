namespace CloudTrust.ReliabilityReport;

/// <summary>One reliability scenario the suite ran and passed (a line of the ledger the tests append to).</summary>
/// <param name="Suite">crash-sweep, graph-faults, agent-faults, journal-faults, hostile-input or secret-hygiene.</param>
/// <param name="Scenario">What was tried.</param>
/// <param name="Count">Crash points, faults injected, inputs generated or places scanned.</param>
/// <param name="Duplicates">Side effects that happened more than once (or secrets found, for secret hygiene).</param>
internal sealed record LedgerEntry(string Suite, string Scenario, int Count, int Duplicates);
