using Azure.Data.Tables;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Integrations.History;

/// <summary>
/// One <see cref="RotationAttempt"/> as a Table Storage entity. Times are kept as UTC ticks (Int64) so they come back to
/// the tick; <c>FinishedAt</c> is also written as a date for people reading the table in Storage Explorer.
/// </summary>
internal static class RotationAttemptEntity
{
    /// <summary>The longest string a Table property holds: 64 KiB of UTF-16.</summary>
    public const int MaxStringChars = 32 * 1024;

    private const string RunId = nameof(RotationAttempt.RunId);
    private const string Domain = nameof(RotationAttempt.Domain);
    private const string Outcome = nameof(RotationAttempt.Outcome);
    private const string Reason = nameof(RotationAttempt.Reason);
    private const string OperationId = nameof(RotationAttempt.OperationId);
    private const string OldKeyVersion = nameof(RotationAttempt.OldKeyVersion);
    private const string NewKeyVersion = nameof(RotationAttempt.NewKeyVersion);
    private const string CloudKeyVersion = nameof(RotationAttempt.CloudKeyVersion);
    private const string OldKeyUpdatedOnTicks = "OldKeyUpdatedOnTicks";
    private const string NewKeyUpdatedOnTicks = "NewKeyUpdatedOnTicks";
    private const string StartedAtTicks = "StartedAtTicks";
    private const string FinishedAtTicks = "FinishedAtTicks";
    private const string FinishedAt = nameof(RotationAttempt.FinishedAt);
    private const string TriggeredBy = nameof(RotationAttempt.TriggeredBy);

    /// <summary>Gets the property that filters on the finish time.</summary>
    public static string FinishedAtTicksProperty => FinishedAtTicks;

    /// <summary>Gets the property that filters on the run id.</summary>
    public static string RunIdProperty => RunId;

    /// <summary>Gets the property that filters on the outcome.</summary>
    public static string OutcomeProperty => Outcome;

    /// <summary>Builds the entity of an attempt.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <returns>The entity, keyed by <see cref="RotationHistoryKeys"/>.</returns>
    /// <exception cref="ArgumentException">A text field is longer than a Table property holds.</exception>
    public static TableEntity From(RotationAttempt attempt)
    {
        Fits(attempt.RunId, nameof(RotationAttempt.RunId));
        Fits(attempt.Domain, nameof(RotationAttempt.Domain));
        Fits(attempt.Reason, nameof(RotationAttempt.Reason));
        Fits(attempt.TriggeredBy, nameof(RotationAttempt.TriggeredBy));
        return new TableEntity(RotationHistoryKeys.Partition(attempt.Domain), RotationHistoryKeys.Row(attempt))
        {
            [RunId] = attempt.RunId,
            [Domain] = attempt.Domain,
            [Outcome] = attempt.Outcome.ToString(),
            [Reason] = attempt.Reason,
            [OperationId] = attempt.OperationId,
            [OldKeyVersion] = attempt.OldKeyVersion,
            [NewKeyVersion] = attempt.NewKeyVersion,
            [CloudKeyVersion] = attempt.CloudKeyVersion,
            [OldKeyUpdatedOnTicks] = attempt.OldKeyUpdatedOn?.UtcTicks,
            [NewKeyUpdatedOnTicks] = attempt.NewKeyUpdatedOn?.UtcTicks,
            [StartedAtTicks] = attempt.StartedAt.UtcTicks,
            [FinishedAtTicks] = attempt.FinishedAt.UtcTicks,
            [FinishedAt] = attempt.FinishedAt.ToUniversalTime(),
            [TriggeredBy] = attempt.TriggeredBy,
        };
    }

    /// <summary>Reads an attempt back.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The attempt (times in UTC).</returns>
    /// <exception cref="InvalidDataException">The entity is not a rotation attempt (a required property is missing or wrong).</exception>
    public static RotationAttempt To(TableEntity entity)
    {
        var outcomeText = Required(entity.GetString(Outcome), entity, Outcome);
        if (!Enum.TryParse<RotationOutcome>(outcomeText, ignoreCase: false, out var outcome))
        {
            throw new InvalidDataException($"rotation history entity ({entity.PartitionKey}, {entity.RowKey}): {Outcome} '{outcomeText}' is not a rotation outcome");
        }

        return new RotationAttempt(
            RunId: Required(entity.GetString(RunId), entity, RunId),
            Domain: Required(entity.GetString(Domain), entity, Domain),
            Outcome: outcome,
            Reason: entity.GetString(Reason),
            OperationId: entity.GetGuid(OperationId),
            OldKeyVersion: entity.GetInt64(OldKeyVersion),
            NewKeyVersion: entity.GetInt64(NewKeyVersion),
            CloudKeyVersion: entity.GetInt64(CloudKeyVersion),
            OldKeyUpdatedOn: Time(entity.GetInt64(OldKeyUpdatedOnTicks)),
            NewKeyUpdatedOn: Time(entity.GetInt64(NewKeyUpdatedOnTicks)),
            StartedAt: Time(Required(entity.GetInt64(StartedAtTicks), entity, StartedAtTicks)),
            FinishedAt: Time(Required(entity.GetInt64(FinishedAtTicks), entity, FinishedAtTicks)),
            TriggeredBy: Required(entity.GetString(TriggeredBy), entity, TriggeredBy));
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static DateTimeOffset? Time(long? ticks) => ticks is { } t ? Time(t) : null;

    private static string Required(string? value, TableEntity entity, string property)
        => value ?? throw Missing(entity, property);

    private static long Required(long? value, TableEntity entity, string property)
        => value ?? throw Missing(entity, property);

    private static InvalidDataException Missing(TableEntity entity, string property)
        => new($"rotation history entity ({entity.PartitionKey}, {entity.RowKey}): {property} is missing");

    private static void Fits(string? value, string field)
    {
        if (value is { Length: > MaxStringChars })
        {
            throw new ArgumentException($"RotationAttempt.{field} is {value.Length} characters; a Table property holds at most {MaxStringChars}", nameof(value));
        }
    }
}
