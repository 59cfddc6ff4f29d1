using CloudTrust.Core.Rotation;

namespace CloudTrust.Storage.Tests;

/// <summary>
/// What every rotation-history store promises, written once and run against each store (SQLite for the command line,
/// Azure Table Storage for the Functions host) so the two cannot drift.
/// </summary>
public abstract class RotationHistoryContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Makes a new, empty store.</summary>
    protected abstract Task<IRotationHistory> NewStoreAsync();

    [Fact]
    public async Task Every_field_comes_back_as_written_times_in_utc_to_the_tick()
    {
        var store = await NewStoreAsync();
        var full = new RotationAttempt(
            RunId: "rotation-7f3c1a",
            Domain: "corp.contoso.com",
            Outcome: RotationOutcome.Failed,
            Reason: "cloud key version 12 does not match on-premises 13 after 30 minutes; agent said: \"timeout\" <&>",
            OperationId: Guid.Parse("2b7e1c44-8f0d-4c1e-9a55-0d6f1f7e2a91"),
            OldKeyVersion: 12,
            NewKeyVersion: long.MaxValue,
            CloudKeyVersion: -1,
            OldKeyUpdatedOn: new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.FromHours(2)).AddTicks(1),
            NewKeyUpdatedOn: new DateTimeOffset(2026, 11, 2, 3, 4, 5, TimeSpan.FromHours(-8)).AddTicks(1234567),
            StartedAt: T0.AddTicks(7),
            FinishedAt: T0.AddMinutes(31).AddTicks(9999999),
            TriggeredBy: "ana@contoso.com via POST /api/rotations");
        var bare = new RotationAttempt("rotation-2", "contoso.com", RotationOutcome.Skipped, null, null, null, null, null, null, null, T0, T0, "timer");

        await store.RecordAsync(full, CancellationToken.None);
        await store.RecordAsync(bare, CancellationToken.None);

        var read = await store.ListAsync(null, null, CancellationToken.None);
        Assert.Equal([full, bare], read);
        Assert.All(read, a => Assert.Equal(TimeSpan.Zero, a.FinishedAt.Offset));
        Assert.Equal(full.NewKeyUpdatedOn!.Value.UtcTicks, read[0].NewKeyUpdatedOn!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read[0].OldKeyUpdatedOn!.Value.Offset);
        Assert.Equal(full, await store.LatestAsync("corp.contoso.com", CancellationToken.None));
    }

    [Fact]
    public async Task Writing_the_same_attempt_twice_keeps_one()
    {
        var store = await NewStoreAsync();
        var attempt = Attempt("run-1", "contoso.com", T0);

        await store.RecordAsync(attempt, CancellationToken.None);
        await store.RecordAsync(attempt, CancellationToken.None);

        Assert.Equal(attempt, Assert.Single(await store.ListAsync(null, null, CancellationToken.None)));
    }

    [Fact]
    public async Task A_run_and_domain_written_again_with_another_finish_and_case_replaces_the_first()
    {
        var store = await NewStoreAsync();
        await store.RecordAsync(Attempt("run-1", "contoso.com", T0, RotationOutcome.Failed), CancellationToken.None);
        var later = Attempt("run-1", "CONTOSO.com", T0.AddHours(1));

        await store.RecordAsync(later, CancellationToken.None);

        Assert.Equal(later, Assert.Single(await store.ListAsync(null, null, CancellationToken.None)));
        Assert.Equal(later, Assert.Single(await store.ListAsync("contoso.COM", null, CancellationToken.None)));
    }

    [Fact]
    public async Task Lists_come_newest_first_then_by_domain_then_by_run_whatever_the_order_of_writing()
    {
        var store = await NewStoreAsync();
        var expected = new[]
        {
            Attempt("run-c", "a.contoso.com", T0.AddDays(2)),
            Attempt("run-a", "B.contoso.com", T0.AddDays(1)),
            Attempt("run-b", "b.contoso.com", T0.AddDays(1)),
            Attempt("run-a", "c.contoso.com", T0.AddDays(1)),
            Attempt("run-z", "a.contoso.com", T0.AddTicks(1)),
            Attempt("run-a", "a.contoso.com", T0),
            Attempt("run-b", "a.contoso.com", T0),
        };
        foreach (var i in new[] { 5, 2, 0, 6, 3, 1, 4 })
        {
            await store.RecordAsync(expected[i], CancellationToken.None);
        }

        Assert.Equal(expected, await store.ListAsync(null, null, CancellationToken.None));
        Assert.Equal([expected[0], expected[4], expected[5], expected[6]], await store.ListAsync("A.CONTOSO.COM", null, CancellationToken.None));
        Assert.Equal(expected[..4], await store.ListAsync(null, T0.AddDays(1), CancellationToken.None));
        Assert.Equal([expected[0], expected[4]], await store.ListAsync("a.contoso.com", T0.AddTicks(1), CancellationToken.None));
        Assert.Equal(expected[0], await store.LatestAsync("a.contoso.com", CancellationToken.None));
    }

    [Fact]
    public async Task The_latest_attempt_of_a_domain_is_its_newest_whatever_the_outcome_and_ties_go_to_the_lower_run_id()
    {
        var store = await NewStoreAsync();
        await store.RecordAsync(Attempt("run-1", "contoso.com", T0), CancellationToken.None);
        await store.RecordAsync(Attempt("run-3", "contoso.com", T0.AddDays(1), RotationOutcome.Failed), CancellationToken.None);
        await store.RecordAsync(Attempt("run-2", "contoso.com", T0.AddDays(1), RotationOutcome.Skipped), CancellationToken.None);
        await store.RecordAsync(Attempt("run-9", "fabrikam.com", T0.AddDays(5)), CancellationToken.None);

        var latest = await store.LatestAsync("Contoso.com", CancellationToken.None);

        Assert.Equal(("run-2", RotationOutcome.Skipped), (latest!.RunId, latest.Outcome));
        Assert.Null(await store.LatestAsync("northwind.com", CancellationToken.None));

        // '#' sorts before '-' by ordinal, though a table key writes it escaped ('~0023', after '-').
        await store.RecordAsync(Attempt("run-", "northwind.com", T0), CancellationToken.None);
        await store.RecordAsync(Attempt("run#", "northwind.com", T0), CancellationToken.None);
        Assert.Equal("run#", (await store.LatestAsync("northwind.com", CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task Many_domains_each_keep_their_own_attempts_and_last_rotation()
    {
        const int Domains = 350;
        var store = await NewStoreAsync();
        var all = new List<RotationAttempt>();
        for (var d = 0; d < Domains; d++)
        {
            var domain = $"d{d:D3}.contoso.com";
            all.Add(Attempt($"run-{d}-1", domain, T0.AddMinutes(d)));
            all.Add(Attempt($"run-{d}-2", domain, T0.AddDays(1).AddMinutes(d)));
            all.Add(Attempt($"run-{d}-3", domain, T0.AddDays(2).AddMinutes(d), d % 2 == 0 ? RotationOutcome.Failed : RotationOutcome.Rotated));
        }

        foreach (var attempt in all)
        {
            await store.RecordAsync(attempt, CancellationToken.None);
        }

        var listed = await store.ListAsync(null, null, CancellationToken.None);
        Assert.Equal(Domains * 3, listed.Count);
        Assert.Equal([.. all.OrderByDescending(a => a.FinishedAt)], listed);

        var last = await store.LastRotationsAsync(CancellationToken.None);
        Assert.Equal(Domains, last.Count);
        Assert.Equal($"run-17-3", last["D017.contoso.com"].RunId);
        Assert.Equal($"run-18-2", last["d018.contoso.com"].RunId);
        Assert.All(last, pair => Assert.Equal(RotationOutcome.Rotated, pair.Value.Outcome));

        var one = await store.ListAsync("d123.contoso.com", null, CancellationToken.None);
        Assert.Equal(["run-123-3", "run-123-2", "run-123-1"], one.Select(a => a.RunId));
    }

    [Fact]
    public async Task Domain_and_run_names_with_characters_table_keys_forbid_are_kept_apart_and_read_back()
    {
        var store = await NewStoreAsync();
        string[] domains =
        [
            "a/b.contoso.com", "a\\b.contoso.com", "a#b.contoso.com", "a?b.contoso.com", "a\u0001b.contoso.com", "a\u007fb.contoso.com",
            "a\u0085b.contoso.com", "a~002fb.contoso.com", "a%2Fb.contoso.com", "o'brien.contoso.com", "a+b.contoso.com", "bücher.contoso.com",
            "ab.contoso.com", new string('x', 2000) + ".contoso.com", new string('x', 1999) + "y.contoso.com",
        ];
        foreach (var (domain, i) in domains.Select((d, i) => (d, i)))
        {
            await store.RecordAsync(Attempt($"run/{i}#?\\'\u0002", domain, T0.AddMinutes(i)), CancellationToken.None);
        }

        foreach (var (domain, i) in domains.Select((d, i) => (d, i)))
        {
            var own = Assert.Single(await store.ListAsync(domain, null, CancellationToken.None));
            Assert.Equal((domain, $"run/{i}#?\\'\u0002"), (own.Domain, own.RunId));
            Assert.Equal(own, await store.LatestAsync(domain, CancellationToken.None));
        }

        var last = await store.LastRotationsAsync(CancellationToken.None);
        Assert.Equal(domains.Length, last.Count);
        Assert.All(domains, d => Assert.Equal(d, last[d].Domain));
    }

    [Fact]
    public async Task An_empty_history_lists_nothing()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.ListAsync(null, null, CancellationToken.None));
        Assert.Empty(await store.ListAsync("contoso.com", T0, CancellationToken.None));
        Assert.Empty(await store.LastRotationsAsync(CancellationToken.None));
        Assert.Null(await store.LatestAsync("contoso.com", CancellationToken.None));
    }

    private static RotationAttempt Attempt(string run, string domain, DateTimeOffset finished, RotationOutcome outcome = RotationOutcome.Rotated)
        => new(
            RunId: run,
            Domain: domain,
            Outcome: outcome,
            Reason: outcome == RotationOutcome.Rotated ? null : "window closed",
            OperationId: outcome == RotationOutcome.Skipped ? null : Guid.NewGuid(),
            OldKeyVersion: 4,
            NewKeyVersion: outcome == RotationOutcome.Rotated ? 5 : null,
            CloudKeyVersion: 5,
            OldKeyUpdatedOn: finished.AddDays(-180),
            NewKeyUpdatedOn: outcome == RotationOutcome.Rotated ? finished.AddMinutes(-1) : null,
            StartedAt: finished.AddMinutes(-2),
            FinishedAt: finished,
            TriggeredBy: "timer");
}
