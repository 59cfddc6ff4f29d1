namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Which Graph requests the product sends may be repeated after a lost connection with the same effect: reads,
/// PUT/PATCH/DELETE of one resource, <c>/assign</c> (it replaces the whole assignment list) and the device report
/// (a POST that only reads). Creating a policy (POST to a collection) is not: the activity looks up before it
/// creates, so the workflow's activity retry covers it instead.
/// </summary>
internal static class GraphIdempotency
{
    public static bool SafeToRepeat(HttpRequestMessage request)
    {
        var method = request.Method.Method;
        if (method is "GET" or "HEAD" or "PUT" or "PATCH" or "DELETE" or "OPTIONS")
        {
            return true;
        }

        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        return method == "POST" && (path.EndsWith("/assign", StringComparison.OrdinalIgnoreCase) || path.Contains("/reports/", StringComparison.OrdinalIgnoreCase));
    }
}
