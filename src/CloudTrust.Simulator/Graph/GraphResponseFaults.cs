namespace CloudTrust.Simulator.Graph;

/// <summary>
/// Answers a real tenant may give that are not what the client asked for, switched on one by one so the tests can show
/// the product fails with the field named instead of counting wrong. All off by default.
/// </summary>
public sealed record GraphResponseFaults
{
    /// <summary>Gets whether device members come with only <c>id</c> and <c>@odata.type</c>, as Graph answers an app without Device.Read.All.</summary>
    public bool DeviceMembersWithoutProperties { get; init; }

    /// <summary>Gets a value the beta managed devices give as <c>joinType</c> instead of the device's own (null: the device's own).</summary>
    public string? JoinTypeValue { get; init; }

    /// <summary>Gets whether every collection item and report answer carries properties no client asked for.</summary>
    public bool ExtraProperties { get; init; }

    /// <summary>Gets whether the first page of the beta managed devices is empty but still has a next link that points at itself.</summary>
    public bool StuckNextLink { get; init; }

    /// <summary>Gets a <c>$select</c> name the beta managed devices refuse with 400, as Graph refuses a property its type lacks (null: none).</summary>
    public string? RefusedSelect { get; init; }

    /// <summary>Gets report columns the device report leaves out of <c>Schema</c> and the rows, whatever is asked.</summary>
    public IReadOnlyList<string> MissingReportColumns { get; init; } = [];

    /// <summary>Gets whether the device report gives <c>PolicyStatus</c> as its localized text (<c>Succeeded</c>, …) instead of the number.</summary>
    public bool ReportStatusAsText { get; init; }

    /// <summary>Gets a <c>PolicyStatus</c> code the device report gives every row instead of the device's own (null: the device's own).</summary>
    public int? ReportStatusCode { get; init; }

    /// <summary>Gets whether the device report answers an empty <c>Values</c> for any page after the first while <c>TotalRowCount</c> says more rows exist.</summary>
    public bool ReportStopsEarly { get; init; }
}
