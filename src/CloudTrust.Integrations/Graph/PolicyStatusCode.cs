namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Maps the device report's numeric <c>PolicyStatus</c> to the state names the rollout counts. The codes follow
/// the simulated tenant (1 not applicable, 2 succeeded, 5 error, 6 conflict, anything else pending); check them
/// against a real tenant's report before relying on them in production.
/// </summary>
internal static class PolicyStatusCode
{
    public const string Succeeded = "succeeded";
    public const string Error = "error";
    public const string Conflict = "conflict";
    public const string NotApplicable = "notApplicable";
    public const string Pending = "pending";

    public static string NameOf(int code) => code switch
    {
        1 => NotApplicable,
        2 => Succeeded,
        5 => Error,
        6 => Conflict,
        _ => Pending,
    };
}
