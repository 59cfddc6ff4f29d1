namespace CloudTrust.Engine.Journal;

/// <summary>One journal entry of a workflow instance.</summary>
/// <param name="Sequence">The entry's position in the instance's journal, from 0.</param>
/// <param name="Kind">What happened.</param>
/// <param name="TaskId">The workflow's request this entry belongs to (activities, timers, waits).</param>
/// <param name="Name">The activity or event name, where there is one.</param>
/// <param name="Payload">Input, output, failure, fire time or event payload, as JSON text.</param>
/// <param name="Timestamp">When the entry was written, by the engine's clock.</param>
public sealed record HistoryEvent(
    int Sequence,
    HistoryEventKind Kind,
    int? TaskId,
    string? Name,
    string? Payload,
    DateTimeOffset Timestamp)
{
    /// <summary>Describes the entry for error messages, without its payload.</summary>
    /// <returns>For example <c>ActivityScheduled 'EnsureProfile' (task 3)</c>.</returns>
    public string Describe()
        => Name is null ? $"{Kind} (task {TaskId})" : $"{Kind} '{Name}' (task {TaskId})";
}
