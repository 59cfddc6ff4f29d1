using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>The body of a <c>getConfigurationPolicyDevicesReport</c> request.</summary>
/// <param name="Filter">For example <c>(PolicyId eq '…')</c>.</param>
/// <param name="Select">The columns wanted.</param>
/// <param name="Skip">Rows to skip.</param>
/// <param name="Top">Rows wanted.</param>
internal sealed record DeviceReportRequest(
    [property: JsonPropertyName("filter")] string Filter,
    [property: JsonPropertyName("select")] IReadOnlyList<string> Select,
    [property: JsonPropertyName("skip")] int Skip,
    [property: JsonPropertyName("top")] int Top);

/// <summary>A report answer: a table with its schema.</summary>
/// <param name="TotalRowCount">Rows in the whole report.</param>
/// <param name="Schema">Column names and types, in the order of each row's cells.</param>
/// <param name="Values">The rows.</param>
internal sealed record DeviceReportTable(
    [property: JsonPropertyName("TotalRowCount")] int TotalRowCount,
    [property: JsonPropertyName("Schema")] IReadOnlyList<DeviceReportColumn> Schema,
    [property: JsonPropertyName("Values")] IReadOnlyList<JsonElement[]> Values);

/// <summary>One column of a report table.</summary>
/// <param name="Column">The column name.</param>
/// <param name="PropertyType">Its type, for example <c>String</c>.</param>
internal sealed record DeviceReportColumn(
    [property: JsonPropertyName("Column")] string Column,
    [property: JsonPropertyName("PropertyType")] string? PropertyType);
