using Azure.Data.Tables;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.History;
using CloudTrust.Tests.Shared.Azurite;

namespace CloudTrust.Storage.Tests;

/// <summary>What only the Table Storage store has: the table it creates, its keys, its rows and the activity writing through it.</summary>
public sealed class TableRotationHistoryTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    [Fact]
    public async Task The_table_is_created_on_first_use_and_a_second_store_on_it_reads_what_the_first_wrote()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = "RotationHistory" + Guid.NewGuid().ToString("N")[..8];
        var first = new TableRotationHistory(service, name);
        Assert.False(await TableExistsAsync(service, name));

        await first.RecordAsync(Attempt("run-1", "contoso.com", T0), CancellationToken.None);

        Assert.True(await TableExistsAsync(service, name));
        var second = new TableRotationHistory(new TableServiceClient(azurite.ConnectionString), name);
        Assert.Equal("run-1", Assert.Single(await second.ListAsync(null, null, CancellationToken.None)).RunId);
    }

    [Fact]
    public void The_default_table_is_the_one_the_bicep_template_creates()
    {
        var bicep = File.ReadAllText(Path.Combine(AzuriteServer.RepositoryRoot, "infra", "main.bicep"));

        Assert.Equal("RotationHistory", TableRotationHistory.DefaultTableName);
        Assert.Contains($"'{TableRotationHistory.DefaultTableName}'", bicep, StringComparison.Ordinal);
        Assert.Equal(TableRotationHistory.DefaultTableName, new TableRotationHistory(new TableServiceClient(azurite.ConnectionString)).TableName);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1History")]
    [InlineData("Rotation-History")]
    [InlineData("")]
    public void A_table_name_the_service_would_refuse_is_refused_naming_it(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableRotationHistory(new TableServiceClient(azurite.ConnectionString), name));

        Assert.Equal("tableName", error.ParamName);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_are_one_partition_per_domain_keyed_newest_first_with_no_forbidden_key_character()
    {
        var (service, name) = NewTable();
        var store = new TableRotationHistory(service, name);
        await store.RecordAsync(Attempt("run-old", "a/b#c?d\\e\u0001.contoso.com", T0), CancellationToken.None);
        await store.RecordAsync(Attempt("run-new", "A/B#C?D\\E\u0001.contoso.com", T0.AddDays(30)), CancellationToken.None);
        await store.RecordAsync(Attempt("run-x", "fabrikam.com", T0.AddDays(1)), CancellationToken.None);

        var rows = await RawRowsAsync(service, name);

        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows.Select(r => r.PartitionKey).Distinct().Count());
        Assert.All(rows, r => Assert.True(
            r.PartitionKey.IndexOfAny(Forbidden) < 0 && r.RowKey.IndexOfAny(Forbidden) < 0 && !r.PartitionKey.Any(char.IsControl) && !r.RowKey.Any(char.IsControl),
            $"key ({r.PartitionKey}, {r.RowKey}) holds a character Table keys forbid"));
        var partition = rows.Where(r => r.GetString("RunId") != "run-x").ToList();
        Assert.Equal(["run-new", "run-old"], partition.Select(r => r.GetString("RunId")));
        Assert.Equal(T0.AddDays(30), partition[0].GetDateTimeOffset("FinishedAt"));
    }

    [Fact]
    public async Task A_retried_record_activity_leaves_one_row()
    {
        var (service, name) = NewTable();
        var activity = new RecordRotationAttemptActivity(new TableRotationHistory(service, name));
        var attempt = Attempt("rotation-42", "contoso.com", T0);

        Assert.True(await activity.RunAsync(attempt, CancellationToken.None));
        Assert.True(await activity.RunAsync(attempt, CancellationToken.None));
        Assert.True(await activity.RunAsync(attempt with { Domain = "Contoso.COM", FinishedAt = T0.AddSeconds(5) }, CancellationToken.None));

        var row = Assert.Single(await RawRowsAsync(service, name));
        Assert.Equal("Contoso.COM", row.GetString("Domain"));
        Assert.Equal(T0.AddSeconds(5).UtcTicks, row.GetInt64("FinishedAtTicks"));
    }

    [Fact]
    public async Task A_reason_longer_than_a_table_property_holds_is_refused_naming_the_field_and_nothing_is_written()
    {
        var (service, name) = NewTable();
        var store = new TableRotationHistory(service, name);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(Attempt("run-1", "contoso.com", T0) with { Reason = new string('r', 40_000) }, CancellationToken.None));

        Assert.Contains("RotationAttempt.Reason", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(null, null, CancellationToken.None));
    }

    private static async Task<bool> TableExistsAsync(TableServiceClient service, string name)
    {
        await foreach (var table in service.QueryAsync(t => t.Name == name))
        {
            return table.Name == name;
        }

        return false;
    }

    private static async Task<List<TableEntity>> RawRowsAsync(TableServiceClient service, string name)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in service.GetTableClient(name).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static RotationAttempt Attempt(string run, string domain, DateTimeOffset finished)
        => new(run, domain, RotationOutcome.Rotated, null, Guid.NewGuid(), 4, 5, 5, finished.AddDays(-180), finished, finished.AddMinutes(-2), finished, "timer");

    private (TableServiceClient Service, string Name) NewTable()
        => (new TableServiceClient(azurite.ConnectionString), "History" + Guid.NewGuid().ToString("N")[..12]);
}
