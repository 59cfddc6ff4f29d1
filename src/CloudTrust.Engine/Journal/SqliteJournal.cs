using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Workflows;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Engine.Journal;

/// <summary>
/// The engine's durable state in one SQLite file: instances, their append-only history, and the inbox of
/// external events. Every write is one transaction, committed before the engine acts on it; WAL mode lets
/// other processes (a second CLI shell) read and raise events while an engine runs.
/// </summary>
/// <remarks>
/// Synchronous mode is NORMAL under WAL: a committed transaction survives the process being killed; only a
/// power loss can drop the last commits, never corrupt the file. The connection is shared by every executor
/// of one engine, so each call takes a lock.
/// </remarks>
internal sealed partial class SqliteJournal : IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();
    private readonly Action<long>? afterCommit;
    private readonly ILogger logger;
    private readonly TimeSpan lockedPatience;
    private long commits;

    public SqliteJournal(string path, TimeSpan busyTimeout, Action<long>? afterCommit = null, ILogger? logger = null, TimeSpan? lockedPatience = null)
    {
        this.logger = logger ?? NullLogger.Instance;
        this.lockedPatience = lockedPatience ?? TimeSpan.FromMinutes(10);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        this.afterCommit = afterCommit;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        };
        connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute($"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds};");
        Execute("PRAGMA journal_mode = WAL;");
        Execute("PRAGMA synchronous = NORMAL;");
        Execute("PRAGMA foreign_keys = ON;");
        Execute(Schema);
    }

    public string DataSource => connection.DataSource;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS instances (
            id            TEXT PRIMARY KEY,
            name          TEXT NOT NULL,
            input         TEXT,
            status        TEXT NOT NULL,
            custom_status TEXT,
            output        TEXT,
            failure       TEXT,
            status_reason TEXT,
            owner         TEXT,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL,
            completed_at  INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_instances_status ON instances(status);
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL REFERENCES instances(id),
            seq         INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            task_id     INTEGER,
            name        TEXT,
            payload     TEXT,
            timestamp   INTEGER NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inbox (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id  TEXT NOT NULL REFERENCES instances(id),
            name         TEXT NOT NULL COLLATE NOCASE,
            payload      TEXT,
            raised_at    INTEGER NOT NULL,
            consumed_seq INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_inbox_pending ON inbox(instance_id, name, consumed_seq);
        CREATE TABLE IF NOT EXISTS history_archive (
            instance_id TEXT NOT NULL REFERENCES instances(id),
            execution   INTEGER NOT NULL,
            seq         INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            task_id     INTEGER,
            name        TEXT,
            payload     TEXT,
            timestamp   INTEGER NOT NULL,
            PRIMARY KEY (instance_id, execution, seq)
        ) WITHOUT ROWID;
        """;

    /// <summary>Creates an instance, or returns the existing one with that id (the caller decides whether it conflicts).</summary>
    /// <remarks>
    /// With <paramref name="exclusive"/>, refuses (in the same transaction, so across processes too) when another
    /// instance of the same workflow is unfinished.
    /// </remarks>
    public (WorkflowInstance Instance, bool Created) CreateInstance(string id, string name, string? input, DateTimeOffset now, bool exclusive = false)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            var existing = ReadInstance(id, tx);
            if (existing is not null)
            {
                tx.Rollback();
                return (existing, false);
            }

            if (exclusive)
            {
                using var active = Command(tx, "SELECT id FROM instances WHERE name = $name AND status IN ('Pending', 'Running', 'Waiting', 'Suspended') LIMIT 1;");
                active.Parameters.AddWithValue("$name", name);
                if (active.ExecuteScalar() is string other)
                {
                    tx.Rollback();
                    throw new InstanceConflictException($"a {name} run is already in progress (instance '{other}'); not starting another");
                }
            }

            using var cmd = Command(tx, """
                INSERT INTO instances (id, name, input, status, created_at, updated_at)
                VALUES ($id, $name, $input, $status, $now, $now);
                """);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$name", name);
            cmd.Parameters.AddWithValue("$input", (object?)input ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$status", WorkflowStatus.Pending.ToString());
            cmd.Parameters.AddWithValue("$now", now.UtcTicks);
            cmd.ExecuteNonQuery();
            Commit(tx);
            return (ReadInstance(id, null)!, true);
        }
    }

    public WorkflowInstance? GetInstance(string id)
    {
        lock (gate)
        {
            return ReadInstance(id, null);
        }
    }

    public IReadOnlyList<WorkflowInstance> ListInstances(WorkflowQuery query)
    {
        lock (gate)
        {
            using var cmd = connection.CreateCommand();
            var where = new List<string>();
            if (query.Name is not null)
            {
                where.Add("name = $name");
                cmd.Parameters.AddWithValue("$name", query.Name);
            }

            if (query.Statuses is { Count: > 0 } statuses)
            {
                var names = statuses.Select((s, i) => ($"$s{i}", s.ToString())).ToList();
                where.Add($"status IN ({string.Join(", ", names.Select(n => n.Item1))})");
                foreach (var (parameter, value) in names)
                {
                    cmd.Parameters.AddWithValue(parameter, value);
                }
            }

            if (query.CreatedFrom is { } from)
            {
                where.Add("created_at >= $from");
                cmd.Parameters.AddWithValue("$from", from.UtcTicks);
            }

            if (query.CreatedTo is { } to)
            {
                where.Add("created_at < $to");
                cmd.Parameters.AddWithValue("$to", to.UtcTicks);
            }

            cmd.CommandText = $"SELECT {InstanceColumns} FROM instances"
                + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
                + " ORDER BY created_at DESC, id LIMIT $top;";
            cmd.Parameters.AddWithValue("$top", Math.Max(0, query.Top));
            using var reader = cmd.ExecuteReader();
            var list = new List<WorkflowInstance>();
            while (reader.Read())
            {
                list.Add(ReadInstanceRow(reader));
            }

            return list;
        }
    }

    public List<HistoryEvent> LoadHistory(string id)
    {
        lock (gate)
        {
            using var cmd = Command(null, "SELECT seq, kind, task_id, name, payload, timestamp FROM history WHERE instance_id = $id ORDER BY seq;");
            cmd.Parameters.AddWithValue("$id", id);
            using var reader = cmd.ExecuteReader();
            var list = new List<HistoryEvent>();
            while (reader.Read())
            {
                list.Add(ReadEvent(reader, 0));
            }

            return list;
        }
    }

    /// <summary>Loads the journals of the executions that ended by continuing as new, oldest execution first.</summary>
    public List<List<HistoryEvent>> LoadArchivedExecutions(string id)
    {
        lock (gate)
        {
            using var cmd = Command(null, "SELECT execution, seq, kind, task_id, name, payload, timestamp FROM history_archive WHERE instance_id = $id ORDER BY execution, seq;");
            cmd.Parameters.AddWithValue("$id", id);
            using var reader = cmd.ExecuteReader();
            var executions = new List<List<HistoryEvent>>();
            long? current = null;
            while (reader.Read())
            {
                var execution = reader.GetInt64(0);
                if (execution != current)
                {
                    executions.Add([]);
                    current = execution;
                }

                executions[^1].Add(ReadEvent(reader, 1));
            }

            return executions;
        }
    }

    /// <summary>
    /// Ends the instance's current execution by continuing as new, in one transaction and only while the instance is
    /// active and owned by <paramref name="owner"/>: appends <paramref name="last"/>, moves the execution's journal to
    /// the archive, sets the new input, and drops the inbox events not yet received unless they are preserved. The
    /// instance stays active with an empty journal, so the next run starts the new execution.
    /// </summary>
    public bool ContinueAsNew(string id, string owner, HistoryEvent last, string? newInput, bool preserveUnprocessedEvents, InstanceUpdate update)
    {
        return WhileLocked(id, () =>
        {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            if (!UpdateActiveInstance(tx, id, owner, update))
            {
                tx.Rollback();
                return false;
            }

            InsertEvents(tx, id, [last]);
            using (var archive = Command(tx, """
                INSERT INTO history_archive (instance_id, execution, seq, kind, task_id, name, payload, timestamp)
                SELECT instance_id, (SELECT COALESCE(MAX(execution), -1) + 1 FROM history_archive WHERE instance_id = $id),
                       seq, kind, task_id, name, payload, timestamp
                FROM history WHERE instance_id = $id;
                DELETE FROM history WHERE instance_id = $id;
                UPDATE instances SET input = $input WHERE id = $id;
                """))
            {
                archive.Parameters.AddWithValue("$id", id);
                archive.Parameters.AddWithValue("$input", (object?)newInput ?? DBNull.Value);
                archive.ExecuteNonQuery();
            }

            if (!preserveUnprocessedEvents)
            {
                // Marked as consumed by no journal entry (-1): dropped, as Durable drops them.
                using var drop = Command(tx, "UPDATE inbox SET consumed_seq = -1 WHERE instance_id = $id AND consumed_seq IS NULL;");
                drop.Parameters.AddWithValue("$id", id);
                drop.ExecuteNonQuery();
            }

            Commit(tx);
            return true;
        }
        });
    }

    /// <summary>
    /// Appends entries and updates the instance in one transaction, but only while the instance is active and
    /// owned by <paramref name="owner"/>; returns false (and writes nothing) otherwise.
    /// </summary>
    /// <param name="id">The instance.</param>
    /// <param name="owner">The process that must own it.</param>
    /// <param name="events">The entries.</param>
    /// <param name="update">The instance's new status.</param>
    /// <param name="deliveries">
    /// Events the workflow sent to other instances with these entries: each goes into its target's inbox in the same
    /// transaction, so a crash can neither lose nor repeat it; one whose target has finished or does not exist is
    /// dropped (Durable drops an event sent to a completed orchestration).
    /// </param>
    /// <returns>Whether it was written.</returns>
    public bool Append(string id, string owner, IReadOnlyList<HistoryEvent> events, InstanceUpdate update, IReadOnlyList<EventDelivery>? deliveries = null)
    {
        return WhileLocked(id, () =>
        {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            if (!UpdateActiveInstance(tx, id, owner, update))
            {
                tx.Rollback();
                return false;
            }

            InsertEvents(tx, id, events);
            foreach (var delivery in deliveries ?? [])
            {
                if (ReadInstance(delivery.InstanceId, tx) is { } target && !target.Status.IsFinal())
                {
                    using var cmd = Command(tx, "INSERT INTO inbox (instance_id, name, payload, raised_at) VALUES ($id, $name, $payload, $now);");
                    cmd.Parameters.AddWithValue("$id", delivery.InstanceId);
                    cmd.Parameters.AddWithValue("$name", delivery.Name);
                    cmd.Parameters.AddWithValue("$payload", (object?)delivery.Payload ?? DBNull.Value);
                    cmd.Parameters.AddWithValue("$now", update.Now.UtcTicks);
                    cmd.ExecuteNonQuery();
                }
            }

            Commit(tx);
            return true;
        }
        });
    }

    /// <summary>
    /// Takes the oldest unconsumed inbox event named <paramref name="eventName"/> and journals it as received by
    /// <paramref name="taskId"/>, atomically. Returns null when no such event is waiting or the instance is no
    /// longer active.
    /// </summary>
    public HistoryEvent? TryConsumeEvent(string id, string owner, string eventName, int taskId, int sequence, DateTimeOffset now, InstanceUpdate update)
    {
        return WhileLocked(id, () =>
        {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            long inboxId;
            string? payload;
            using (var find = Command(tx, "SELECT id, payload FROM inbox WHERE instance_id = $id AND name = $name AND consumed_seq IS NULL ORDER BY id LIMIT 1;"))
            {
                find.Parameters.AddWithValue("$id", id);
                find.Parameters.AddWithValue("$name", eventName);
                using var reader = find.ExecuteReader();
                if (!reader.Read())
                {
                    tx.Rollback();
                    return null;
                }

                inboxId = reader.GetInt64(0);
                payload = reader.IsDBNull(1) ? null : reader.GetString(1);
            }

            if (!UpdateActiveInstance(tx, id, owner, update))
            {
                tx.Rollback();
                return null;
            }

            using (var mark = Command(tx, "UPDATE inbox SET consumed_seq = $seq WHERE id = $inbox;"))
            {
                mark.Parameters.AddWithValue("$seq", sequence);
                mark.Parameters.AddWithValue("$inbox", inboxId);
                mark.ExecuteNonQuery();
            }

            var received = new HistoryEvent(sequence, HistoryEventKind.EventReceived, taskId, eventName, payload, now);
            InsertEvents(tx, id, [received]);
            Commit(tx);
            return received;
        }
        });
    }

    /// <summary>Adds an external event to the inbox of an instance that is not final.</summary>
    public void EnqueueEvent(string id, string eventName, string? payload, DateTimeOffset now)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            var instance = ReadInstance(id, tx) ?? throw new InstanceNotFoundException($"no workflow instance has id '{id}'");
            if (instance.Status.IsFinal())
            {
                throw new InstanceStateException($"instance '{id}' is {instance.Status.ToString().ToLowerInvariant()}; it takes no more events");
            }

            using var cmd = Command(tx, "INSERT INTO inbox (instance_id, name, payload, raised_at) VALUES ($id, $name, $payload, $now);");
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$name", eventName);
            cmd.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$now", now.UtcTicks);
            cmd.ExecuteNonQuery();
            Commit(tx);
        }
    }

    /// <summary>
    /// Moves an instance from one of <paramref name="from"/> to <paramref name="to"/> (an operator's terminate,
    /// suspend or resume). Returns the instance as it was before, or throws when the move is not allowed.
    /// </summary>
    public WorkflowInstance Transition(string id, IReadOnlyCollection<WorkflowStatus> from, WorkflowStatus to, string? reason, DateTimeOffset now, string verb)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            var instance = ReadInstance(id, tx) ?? throw new InstanceNotFoundException($"no workflow instance has id '{id}'");
            if (!from.Contains(instance.Status))
            {
                throw new InstanceStateException($"cannot {verb} instance '{id}': it is {instance.Status.ToString().ToLowerInvariant()}");
            }

            using var cmd = Command(tx, """
                UPDATE instances SET status = $to, status_reason = $reason, updated_at = $now,
                    completed_at = CASE WHEN $final THEN $now ELSE completed_at END
                WHERE id = $id;
                """);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$to", to.ToString());
            cmd.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$now", now.UtcTicks);
            cmd.Parameters.AddWithValue("$final", to.IsFinal());
            cmd.ExecuteNonQuery();
            Commit(tx);
            return instance;
        }
    }

    /// <summary>
    /// Takes ownership of an active instance for <paramref name="owner"/> when nobody holds it or its holder is
    /// gone. Returns false when another live process runs it.
    /// </summary>
    public bool TryClaim(string id, string owner, Func<string, bool> holderIsAlive)
    {
        return WhileLocked(id, () =>
        {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            string? holder;
            string status;
            using (var read = Command(tx, "SELECT owner, status FROM instances WHERE id = $id;"))
            {
                read.Parameters.AddWithValue("$id", id);
                using var reader = read.ExecuteReader();
                if (!reader.Read())
                {
                    tx.Rollback();
                    return false;
                }

                holder = reader.IsDBNull(0) ? null : reader.GetString(0);
                status = reader.GetString(1);
            }

            if (!Enum.Parse<WorkflowStatus>(status).IsActive() || (holder is not null && holder != owner && holderIsAlive(holder)))
            {
                tx.Rollback();
                return false;
            }

            using var claim = Command(tx, "UPDATE instances SET owner = $owner WHERE id = $id;");
            claim.Parameters.AddWithValue("$id", id);
            claim.Parameters.AddWithValue("$owner", owner);
            claim.ExecuteNonQuery();
            Commit(tx);
            return true;
        }
        });
    }

    public void Release(string id, string owner)
    {
        WhileLocked(id, () =>
        {
        lock (gate)
        {
            using var cmd = Command(null, "UPDATE instances SET owner = NULL WHERE id = $id AND owner = $owner;");
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$owner", owner);
            cmd.ExecuteNonQuery();
        }
        });
    }

    public IReadOnlyList<string> ActiveInstanceIds()
    {
        lock (gate)
        {
            using var cmd = Command(null, "SELECT id FROM instances WHERE status IN ('Pending', 'Running', 'Waiting') ORDER BY created_at, id;");
            using var reader = cmd.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
    }

    /// <summary>Counts history rows and inbox rows: a cheap fingerprint tests use to prove a refused call wrote nothing.</summary>
    public (long Instances, long History, long Inbox) Counts()
    {
        lock (gate)
        {
            using var cmd = Command(null, "SELECT (SELECT COUNT(*) FROM instances), (SELECT COUNT(*) FROM history), (SELECT COUNT(*) FROM inbox);");
            using var reader = cmd.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            connection.Dispose();
        }
    }

    /// <summary>
    /// Runs a write of a running instance, waiting while another process holds the file's lock (SQLITE_BUSY or
    /// SQLITE_LOCKED after the busy timeout) instead of losing the answer in hand; gives up after the patience.
    /// </summary>
    private T WhileLocked<T>(string id, Func<T> write)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return write();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked && waited < lockedPatience)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 50 * Math.Pow(2, Math.Min(attempt, 6))));
                LogLocked(id, attempt, waited);
                Thread.Sleep(delay);
                waited += delay;
            }
        }
    }

    private void WhileLocked(string id, Action write) => WhileLocked(id, () =>
    {
        write();
        return true;
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the journal file is locked by another process (attempt {Attempt}, waited {Waited}); waiting")]
    private partial void LogLocked(string instanceId, int attempt, TimeSpan waited);

    private bool UpdateActiveInstance(SqliteTransaction tx, string id, string owner, InstanceUpdate update)
    {
        using var cmd = Command(tx, """
            UPDATE instances SET
                status        = COALESCE($status, status),
                custom_status = CASE WHEN $setCustom THEN $custom ELSE custom_status END,
                output        = COALESCE($output, output),
                failure       = COALESCE($failure, failure),
                updated_at    = $now,
                completed_at  = CASE WHEN $final THEN $now ELSE completed_at END,
                owner         = CASE WHEN $final THEN NULL ELSE owner END
            WHERE id = $id AND owner = $owner AND status IN ('Pending', 'Running', 'Waiting');
            """);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$owner", owner);
        cmd.Parameters.AddWithValue("$status", (object?)update.Status?.ToString() ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$setCustom", update.SetCustomStatus);
        cmd.Parameters.AddWithValue("$custom", (object?)update.CustomStatus ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$output", (object?)update.Output ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$failure", update.Failure is null ? DBNull.Value : JsonSerializer.Serialize(update.Failure, EngineJson.Options));
        cmd.Parameters.AddWithValue("$now", update.Now.UtcTicks);
        cmd.Parameters.AddWithValue("$final", update.Status?.IsFinal() ?? false);
        return cmd.ExecuteNonQuery() == 1;
    }

    private void InsertEvents(SqliteTransaction tx, string id, IReadOnlyList<HistoryEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        using var cmd = Command(tx, "INSERT INTO history (instance_id, seq, kind, task_id, name, payload, timestamp) VALUES ($id, $seq, $kind, $task, $name, $payload, $ts);");
        var pId = cmd.Parameters.Add("$id", SqliteType.Text);
        var pSeq = cmd.Parameters.Add("$seq", SqliteType.Integer);
        var pKind = cmd.Parameters.Add("$kind", SqliteType.Text);
        var pTask = cmd.Parameters.Add("$task", SqliteType.Integer);
        var pName = cmd.Parameters.Add("$name", SqliteType.Text);
        var pPayload = cmd.Parameters.Add("$payload", SqliteType.Text);
        var pTs = cmd.Parameters.Add("$ts", SqliteType.Integer);
        cmd.Prepare();
        foreach (var e in events)
        {
            pId.Value = id;
            pSeq.Value = e.Sequence;
            pKind.Value = e.Kind.ToString();
            pTask.Value = (object?)e.TaskId ?? DBNull.Value;
            pName.Value = (object?)e.Name ?? DBNull.Value;
            pPayload.Value = (object?)e.Payload ?? DBNull.Value;
            pTs.Value = e.Timestamp.UtcTicks;
            cmd.ExecuteNonQuery();
        }
    }

    private static HistoryEvent ReadEvent(SqliteDataReader reader, int first) => new(
        reader.GetInt32(first),
        Enum.Parse<HistoryEventKind>(reader.GetString(first + 1)),
        reader.IsDBNull(first + 2) ? null : reader.GetInt32(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        FromTicks(reader.GetInt64(first + 5)));

    private const string InstanceColumns = "id, name, input, status, custom_status, output, failure, status_reason, created_at, updated_at, completed_at";

    private WorkflowInstance? ReadInstance(string id, SqliteTransaction? tx)
    {
        using var cmd = Command(tx, $"SELECT {InstanceColumns} FROM instances WHERE id = $id;");
        cmd.Parameters.AddWithValue("$id", id);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ReadInstanceRow(reader) : null;
    }

    private static WorkflowInstance ReadInstanceRow(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        Enum.Parse<WorkflowStatus>(reader.GetString(3)),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<WorkflowFailure>(reader.GetString(6), EngineJson.Options),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        FromTicks(reader.GetInt64(8)),
        FromTicks(reader.GetInt64(9)),
        reader.IsDBNull(10) ? null : FromTicks(reader.GetInt64(10)));

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = Command(null, sql);
        cmd.ExecuteNonQuery();
    }

    private void Commit(SqliteTransaction tx)
    {
        tx.Commit();
        var count = ++commits;
        afterCommit?.Invoke(count);
    }
}

/// <summary>What to change on the instance row alongside a journal append.</summary>
/// <param name="Now">The engine's current time.</param>
/// <param name="Status">The new status, or null to keep it.</param>
/// <param name="SetCustomStatus">Whether to write <paramref name="CustomStatus"/>.</param>
/// <param name="CustomStatus">The new custom status JSON.</param>
/// <param name="Output">The output JSON, when completing.</param>
/// <param name="Failure">The failure, when failing.</param>
internal readonly record struct InstanceUpdate(
    DateTimeOffset Now,
    WorkflowStatus? Status = null,
    bool SetCustomStatus = false,
    string? CustomStatus = null,
    string? Output = null,
    WorkflowFailure? Failure = null);
