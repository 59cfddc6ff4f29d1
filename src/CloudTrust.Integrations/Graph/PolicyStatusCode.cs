using System.Globalization;
using System.Text.Json;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Reads the device report's <c>PolicyStatus</c> cell into the state names the rollout counts. The report is untyped in
/// Graph's metadata (the action returns <c>Edm.Stream</c>), so the codes come from public evidence, listed with their
/// sources in docs/ROLLOUT.md ("Facts still to check against a real tenant"): 0 pending, 1 not applicable,
/// 2 succeeded, 4 not compliant (counted as an error), 5 error, 6 conflict. The cell may be a number, the number as
/// text (exports give strings), or the localized state (<c>ReportStatus</c>-style <c>Succeeded</c>, <c>Error</c>, …);
/// anything else fails with the value named, since guessing would make a gate pass or fail on a wrong count.
/// </summary>
internal static class PolicyStatusCode
{
    public const string Succeeded = "succeeded";
    public const string Error = "error";
    public const string Conflict = "conflict";
    public const string NotApplicable = "notApplicable";
    public const string Pending = "pending";

    private static readonly Dictionary<string, string> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pending"] = Pending,
        ["Unknown"] = Pending,
        ["Not applicable"] = NotApplicable,
        ["NotApplicable"] = NotApplicable,
        ["Succeeded"] = Succeeded,
        ["Success"] = Succeeded,
        ["Compliant"] = Succeeded,
        ["Noncompliant"] = Error,
        ["Not compliant"] = Error,
        ["Error"] = Error,
        ["Failed"] = Error,
        ["Conflict"] = Conflict,
    };

    /// <summary>The state name of a numeric code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The state, or null for a code no evidence explains.</returns>
    public static string? NameOf(int code) => code switch
    {
        0 => Pending,
        1 => NotApplicable,
        2 => Succeeded,
        4 => Error,
        5 => Error,
        6 => Conflict,
        _ => null,
    };

    /// <summary>Reads one <c>PolicyStatus</c> cell.</summary>
    /// <param name="request">The report read, for the error.</param>
    /// <param name="cell">The cell.</param>
    /// <returns>The state name.</returns>
    public static string Read(string request, JsonElement cell)
    {
        var text = cell.ValueKind switch
        {
            JsonValueKind.Number => cell.GetRawText(),
            JsonValueKind.String => cell.GetString()!.Trim(),
            _ => null,
        };
        var state = text is null ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? NameOf(code)
            : Texts.GetValueOrDefault(text);
        return state ?? throw new UnexpectedGraphResponseException(request, "PolicyStatus", $"is {(text is null ? cell.ValueKind.ToString() : $"'{text}'")}, which is none of the known codes (0, 1, 2, 4, 5, 6) or states");
    }
}
