using CloudTrust.Core.Rotation;
using Microsoft.Data.Sqlite;

namespace CloudTrust.Integrations.History;

/// <summary>
/// Every key-rotation attempt, kept in a SQLite file so an auditor can see when each domain's key last changed.
/// Writing the same attempt twice (a retried activity) keeps one row: attempts are keyed by run and domain. The command
/// line's store; the Functions host keeps its history in Azure Table Storage (<see cref="TableRotationHistory"/>).
/// </summary>
public sealed class SqliteRotationHistory : IRotationHistory, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    /// <summary>Initializes a new instance of the <see cref="SqliteRotationHistory"/> class, creating the file when missing.</summary>
    /// <param name="path">The SQLite file (it may be the engine's journal file: the table names differ).</param>
    public SqliteRotationHistory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 10 }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            PRAGMA busy_timeout = 10000;
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS rotation_history (
                run_id TEXT NOT NULL, domain TEXT NOT NULL COLLATE NOCASE, outcome TEXT NOT NULL, reason TEXT,
                operation_id TEXT, old_key_version INTEGER, new_key_version INTEGER, cloud_key_version INTEGER,
                old_key_updated_on INTEGER, new_key_updated_on INTEGER, started_at INTEGER NOT NULL,
                finished_at INTEGER NOT NULL, triggered_by TEXT NOT NULL,
                PRIMARY KEY (run_id, domain));
            CREATE INDEX IF NOT EXISTS ix_rotation_history_domain ON rotation_history(domain, finished_at);
            """;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Keeps an attempt (replacing the same run and domain, so a retry writes it once).</summary>
    /// <param name="attempt">The attempt.</param>
    public void Record(RotationAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        lock (gate)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT OR REPLACE INTO rotation_history VALUES ($run, $domain, $outcome, $reason, $op, $oldv, $newv, $cloudv,
                    $oldon, $newon, $started, $finished, $by);
                """;
            cmd.Parameters.AddWithValue("$run", attempt.RunId);
            cmd.Parameters.AddWithValue("$domain", attempt.Domain);
            cmd.Parameters.AddWithValue("$outcome", attempt.Outcome.ToString());
            cmd.Parameters.AddWithValue("$reason", (object?)attempt.Reason ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$op", (object?)attempt.OperationId?.ToString() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$oldv", (object?)attempt.OldKeyVersion ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$newv", (object?)attempt.NewKeyVersion ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$cloudv", (object?)attempt.CloudKeyVersion ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$oldon", (object?)attempt.OldKeyUpdatedOn?.UtcTicks ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$newon", (object?)attempt.NewKeyUpdatedOn?.UtcTicks ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$started", attempt.StartedAt.UtcTicks);
            cmd.Parameters.AddWithValue("$finished", attempt.FinishedAt.UtcTicks);
            cmd.Parameters.AddWithValue("$by", attempt.TriggeredBy);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Lists attempts, newest first.</summary>
    /// <param name="domain">Only this domain, when given.</param>
    /// <param name="since">Only attempts finished at or after this time, when given.</param>
    /// <returns>The attempts.</returns>
    public IReadOnlyList<RotationAttempt> Query(string? domain = null, DateTimeOffset? since = null)
    {
        lock (gate)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT * FROM rotation_history WHERE ($domain IS NULL OR domain = $domain) AND ($since IS NULL OR finished_at >= $since) ORDER BY finished_at DESC;";
            cmd.Parameters.AddWithValue("$domain", (object?)domain ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$since", (object?)since?.UtcTicks ?? DBNull.Value);
            using var reader = cmd.ExecuteReader();
            var list = new List<RotationAttempt>();
            while (reader.Read())
            {
                list.Add(new RotationAttempt(
                    reader.GetString(0),
                    reader.GetString(1),
                    Enum.Parse<RotationOutcome>(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : Guid.Parse(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    reader.IsDBNull(7) ? null : reader.GetInt64(7),
                    reader.IsDBNull(8) ? null : Ticks(reader.GetInt64(8)),
                    reader.IsDBNull(9) ? null : Ticks(reader.GetInt64(9)),
                    Ticks(reader.GetInt64(10)),
                    Ticks(reader.GetInt64(11)),
                    reader.GetString(12)));
            }

            return [.. list.Order(RotationHistoryOrder.NewestFirst)];
        }
    }

    /// <summary>Returns when each domain's key last changed through CloudTrust (its newest rotated attempt).</summary>
    /// <returns>Domain to the last rotation attempt that succeeded.</returns>
    public IReadOnlyDictionary<string, RotationAttempt> LastRotations()
        => Query().Where(a => a.Outcome == RotationOutcome.Rotated)
            .GroupBy(a => a.Domain, RotationHistoryOrder.Domains)
            .ToDictionary(g => g.Key, g => g.First(), RotationHistoryOrder.Domains);

    /// <inheritdoc />
    public Task RecordAsync(RotationAttempt attempt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Record(attempt);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RotationAttempt>> ListAsync(string? domain, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Query(domain, since));
    }

    /// <inheritdoc />
    public Task<RotationAttempt?> LatestAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Query(domain).FirstOrDefault());
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, RotationAttempt>> LastRotationsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LastRotations());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            connection.Dispose();
        }
    }

    private static DateTimeOffset Ticks(long ticks) => new(ticks, TimeSpan.Zero);
}
