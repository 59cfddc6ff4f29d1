using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>
/// The body of a <c>getConfigurationPolicyDevicesReport</c> request: the action's parameters in the beta CSDL
/// (<c>name</c>, <c>select</c>, <c>search</c>, <c>groupBy</c>, <c>orderBy</c>, <c>skip</c>, <c>top</c>,
/// <c>sessionId</c>, <c>filter</c>; we send four).
/// </summary>
/// <param name="Filter">For example <c>((PolicyBaseTypeName eq '…') or …) and (PolicyId eq '…')</c>.</param>
/// <param name="Select">The columns wanted.</param>
/// <param name="Skip">Rows to skip.</param>
/// <param name="Top">Rows wanted.</param>
internal sealed record DeviceReportRequest(
    [property: JsonPropertyName("filter")] string Filter,
    [property: JsonPropertyName("select")] IReadOnlyList<string> Select,
    [property: JsonPropertyName("skip")] int Skip,
    [property: JsonPropertyName("top")] int Top);

/// <summary>
/// A report answer: a table with its schema. Untyped in Graph's metadata (the action returns <c>Edm.Stream</c>), so
/// every member is optional here and checked by the reader, which names what is missing; other members are ignored.
/// </summary>
/// <param name="TotalRowCount">Rows in the whole report.</param>
/// <param name="Schema">Column names and types, in the order of each row's cells.</param>
/// <param name="Values">The rows.</param>
internal sealed record DeviceReportTable(
    [property: JsonPropertyName("TotalRowCount")] int? TotalRowCount,
    [property: JsonPropertyName("Schema")] IReadOnlyList<DeviceReportColumn>? Schema,
    [property: JsonPropertyName("Values")] IReadOnlyList<JsonElement[]>? Values);

/// <summary>One column of a report table.</summary>
/// <param name="Column">The column name.</param>
/// <param name="PropertyType">Its type, for example <c>String</c>.</param>
internal sealed record DeviceReportColumn(
    [property: JsonPropertyName("Column")] string? Column,
    [property: JsonPropertyName("PropertyType")] string? PropertyType);
