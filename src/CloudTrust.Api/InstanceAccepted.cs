namespace CloudTrust.Api;

/// <summary>
/// The 202 answer to a start: the instance id and the address of this app's own status endpoint. Durable's
/// management URLs (<c>CreateCheckStatusResponse</c>, <c>CreateHttpManagementPayload</c>) are not handed out: in Azure
/// they carry <c>code=</c> the Durable extension's system key, which lets its holder terminate, purge or raise events on
/// any instance (learn.microsoft.com, "HTTP API reference" for Durable Functions, and "Manage instances": the system key
/// is the durabletask_extension key).
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusUri">This app's status address for the instance.</param>
public sealed record InstanceAccepted(string Id, Uri StatusUri)
{
    /// <summary>The answer for a rollout.</summary>
    /// <param name="requestUrl">The address the request came to (scheme, host and port are kept).</param>
    /// <param name="id">The instance id.</param>
    /// <returns>The answer.</returns>
    public static InstanceAccepted ForRollout(Uri requestUrl, string id) => new(id, Under(requestUrl, "rollouts", id));

    /// <summary>The answer for a rotation run.</summary>
    /// <param name="requestUrl">The address the request came to.</param>
    /// <param name="id">The instance id.</param>
    /// <returns>The answer.</returns>
    public static InstanceAccepted ForRotation(Uri requestUrl, string id) => new(id, Under(requestUrl, "rotations", id));

    /// <summary>The answer for a Kerberos server object's removal.</summary>
    /// <param name="requestUrl">The address the request came to.</param>
    /// <param name="id">The instance id.</param>
    /// <returns>The answer.</returns>
    public static InstanceAccepted ForKerberosRemoval(Uri requestUrl, string id) => new(id, Under(requestUrl, "kerberos/removals", id));

    private static Uri Under(Uri requestUrl, string collection, string id)
    {
        ArgumentNullException.ThrowIfNull(requestUrl);
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new Uri(new Uri(requestUrl.GetLeftPart(UriPartial.Authority)), $"/api/{collection}/{Uri.EscapeDataString(id)}");
    }
}
