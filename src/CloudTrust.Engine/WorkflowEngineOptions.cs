using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine;

/// <summary>Settings of a local workflow engine.</summary>
public sealed record WorkflowEngineOptions
{
    /// <summary>Gets the SQLite file that holds the journal; created when missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// Gets a value indicating whether this engine runs instances. A client-only engine (false) reads status,
    /// raises events and sends operator commands while another process runs the instances.
    /// </summary>
    public bool RunInstances { get; init; } = true;

    /// <summary>Gets how often (in real time) a waiting instance looks for events and commands from other processes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets how long a write waits for another process that holds the SQLite file's lock.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets how long a running instance keeps waiting when another process holds the journal file's lock, before
    /// its executor gives up (the instance then stays unfinished and resumes on the next start).
    /// </summary>
    public TimeSpan LockedPatience { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets the largest custom status a workflow may set, in bytes of UTF-16 JSON (its length in characters × 2);
    /// a larger one fails the workflow with <see cref="PayloadTooLargeException"/>, as the Durable Task service rejects
    /// it. Defaults to Durable's 16 KB (<see cref="StatusBudget.MaxCustomStatusBytes"/>); null turns the check off.
    /// </summary>
    public int? MaxCustomStatusBytes { get; init; } = StatusBudget.MaxCustomStatusBytes;

    /// <summary>
    /// Gets the largest workflow input and output and activity input and output, in bytes of UTF-16 JSON; a start
    /// with a larger input is refused, a larger activity output fails that activity (not retried), a larger activity
    /// input or workflow output fails the workflow. Null (the default) turns the check off; tests set the documented
    /// budget <see cref="StatusBudget.MaxPayloadBytes"/> (60 KB, under the 64 KB queue message).
    /// </summary>
    public int? MaxPayloadBytes { get; init; }

    /// <summary>Gets a hook called after every committed journal transaction with the running count (crash tests use it).</summary>
    public Action<long>? AfterCommit { get; init; }
}
