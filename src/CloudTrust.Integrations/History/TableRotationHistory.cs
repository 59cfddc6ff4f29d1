using Azure;
using Azure.Data.Tables;
using CloudTrust.Core.Rotation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Integrations.History;

/// <summary>
/// Every key-rotation attempt, kept in an Azure Table Storage table of the Functions app's storage account: the
/// Functions host's <see cref="IRotationHistory"/>, since Flex Consumption has no persistent shared disk for a SQLite
/// file (the command line keeps <see cref="SqliteRotationHistory"/>).
/// </summary>
/// <remarks>
/// <para>
/// One partition per domain (its name with ASCII letters lowered, escaped for the characters keys forbid); in it one
/// row per attempt, keyed by its finish time counted down then its run id, so a partition reads newest first. A
/// retried activity writing the same attempt upserts the same row; an attempt of a run and domain already kept with
/// another finish time replaces it in one entity-group transaction, so every run and domain keeps one row, as in SQLite
/// (two writers racing on one run and domain with different finish times could both keep a row; a run records each
/// domain once, from one activity).
/// </para>
/// <para>
/// In Azure the host builds the <see cref="TableServiceClient"/> from the app setting <c>RotationHistoryTableUri</c>
/// (the account's table endpoint) and the app's managed identity (<c>new TableServiceClient(uri, credential)</c>); the
/// identity needs "Storage Table Data Contributor" on the account (infra/main.bicep). Tests pass Azurite's connection
/// string. The table is created when missing, on first use.
/// </para>
/// </remarks>
public sealed partial class TableRotationHistory : IRotationHistory
{
    /// <summary>The table the Bicep template creates and the host uses.</summary>
    public const string DefaultTableName = "RotationHistory";

    private readonly TableClient table;
    private readonly ILogger logger;
    private readonly SemaphoreSlim creation = new(1, 1);
    private volatile bool created;

    /// <summary>Initializes a new instance of the <see cref="TableRotationHistory"/> class.</summary>
    /// <param name="service">The storage account's table service (managed identity in Azure, a connection string in tests).</param>
    /// <param name="tableName">The table: 3 to 63 letters and digits, starting with a letter.</param>
    /// <param name="logger">Where the table's creation is logged; none when null.</param>
    /// <exception cref="ArgumentException">The table name breaks the service's naming rules.</exception>
    public TableRotationHistory(TableServiceClient service, string tableName = DefaultTableName, ILogger<TableRotationHistory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tableName);
        if (tableName.Length is < 3 or > 63 || !char.IsAsciiLetter(tableName[0]) || !tableName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"table name '{tableName}': must be 3 to 63 letters and digits, starting with a letter", nameof(tableName));
        }

        table = service.GetTableClient(tableName);
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the table's name.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public async Task RecordAsync(RotationAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var entity = RotationAttemptEntity.From(attempt);
        await EnsureTableAsync(cancellationToken);
        var stale = new List<string>();
        var sameRun = table.QueryAsync<TableEntity>(
            Matches("PartitionKey", entity.PartitionKey) + " and " + Matches(RotationAttemptEntity.RunIdProperty, attempt.RunId),
            select: ["RowKey"],
            cancellationToken: cancellationToken);
        await foreach (var row in sameRun)
        {
            if (!string.Equals(row.RowKey, entity.RowKey, StringComparison.Ordinal))
            {
                stale.Add(row.RowKey);
            }
        }

        if (stale.Count == 0)
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        // One partition, so one atomic entity-group transaction (at most 100 actions; a run and domain has one row).
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, entity) };
        actions.AddRange(stale.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(entity.PartitionKey, rowKey), ETag.All)));
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RotationAttempt>> ListAsync(string? domain, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (domain is not null)
        {
            filters.Add(Matches("PartitionKey", RotationHistoryKeys.Partition(domain)));
        }

        if (since is { } from)
        {
            filters.Add(RotationAttemptEntity.FinishedAtTicksProperty + " ge " + TableClient.CreateQueryFilter($"{from.UtcTicks}"));
        }

        var attempts = await ReadAsync(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken);
        return [.. attempts.Where(a => domain is null || RotationHistoryOrder.Domains.Equals(a.Domain, domain)).Order(RotationHistoryOrder.NewestFirst)];
    }

    /// <inheritdoc />
    public async Task<RotationAttempt?> LatestAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await EnsureTableAsync(cancellationToken);

        // The partition reads newest first; attempts finished in the same tick are ordered by run id as every store does.
        var newest = new List<RotationAttempt>();
        var rows = table.QueryAsync<TableEntity>(Matches("PartitionKey", RotationHistoryKeys.Partition(domain)), cancellationToken: cancellationToken);
        await foreach (var entity in rows)
        {
            var attempt = RotationAttemptEntity.To(entity);
            if (!RotationHistoryOrder.Domains.Equals(attempt.Domain, domain))
            {
                continue;
            }

            if (newest.Count > 0 && attempt.FinishedAt.UtcTicks != newest[0].FinishedAt.UtcTicks)
            {
                break;
            }

            newest.Add(attempt);
        }

        return newest.Order(RotationHistoryOrder.NewestFirst).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RotationAttempt>> LastRotationsAsync(CancellationToken cancellationToken)
    {
        var rotated = await ReadAsync(Matches(RotationAttemptEntity.OutcomeProperty, nameof(RotationOutcome.Rotated)), cancellationToken);
        return rotated.Order(RotationHistoryOrder.NewestFirst)
            .GroupBy(a => a.Domain, RotationHistoryOrder.Domains)
            .ToDictionary(g => g.Key, g => g.First(), RotationHistoryOrder.Domains);
    }

    /// <summary>An OData equality on a property: the name as it is, the value quoted and escaped by the SDK.</summary>
    private static string Matches(string property, string value) => property + " eq " + TableClient.CreateQueryFilter($"{value}");

    private async Task<List<RotationAttempt>> ReadAsync(string? filter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var attempts = new List<RotationAttempt>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            attempts.Add(RotationAttemptEntity.To(entity));
        }

        return attempts;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (created)
        {
            return;
        }

        await creation.WaitAsync(cancellationToken);
        try
        {
            if (!created)
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
                created = true;
                LogTableReady(table.Name, table.AccountName);
            }
        }
        finally
        {
            creation.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotation history table {Table} ready in storage account {Account}")]
    private partial void LogTableReady(string table, string account);
}
