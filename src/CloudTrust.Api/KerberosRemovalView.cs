using System.Text.Json;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Api;

/// <summary>What <c>GET /api/kerberos/removals/{id}</c> answers: the removal's state, its phase and, once done, its report.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="RuntimeStatus">The Durable runtime status (Running, Completed, …).</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="Domain">The domain, once the status names it.</param>
/// <param name="Phase">What it is doing (for example waiting for an administrator to sign in on a host), from the custom status.</param>
/// <param name="Report">The report, once completed.</param>
public sealed record KerberosRemovalView(string Id, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, string? Domain, string Phase, KerberosRemovalReport? Report)
{
    /// <summary>The prefix of a removal's instance id.</summary>
    public const string IdPrefix = "kerberos-removal-";

    /// <summary>Gets a removal's instance id: sortable by start time, apart from rollouts and rotations.</summary>
    /// <param name="startedAt">When it starts.</param>
    /// <param name="unique">A new GUID.</param>
    /// <returns>The id.</returns>
    public static string NewId(DateTimeOffset startedAt, Guid unique) => $"{IdPrefix}{startedAt.UtcDateTime:yyyyMMddHHmmss}-{unique:N}";

    /// <summary>Builds the view from the instance's metadata; unreadable parts are left empty.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="runtimeStatus">The runtime status.</param>
    /// <param name="createdAt">Created.</param>
    /// <param name="lastUpdatedAt">Last updated.</param>
    /// <param name="customStatusJson">The serialized <see cref="KerberosRemovalStatus"/>, if any.</param>
    /// <param name="outputJson">The serialized <see cref="KerberosRemovalReport"/>, if any.</param>
    /// <returns>The view.</returns>
    public static KerberosRemovalView From(string id, string runtimeStatus, DateTimeOffset createdAt, DateTimeOffset lastUpdatedAt, string? customStatusJson, string? outputJson)
    {
        KerberosRemovalStatus? status = null;
        KerberosRemovalReport? report = null;
        try
        {
            status = string.IsNullOrEmpty(customStatusJson) ? null : JsonSerializer.Deserialize<KerberosRemovalStatus>(customStatusJson, ApiJson.Options);
            report = runtimeStatus == "Completed" && !string.IsNullOrEmpty(outputJson) ? JsonSerializer.Deserialize<KerberosRemovalReport>(outputJson, ApiJson.Options) : null;
        }
        catch (JsonException)
        {
            // A status written by another version of the app: show what could be read.
        }

        return new KerberosRemovalView(id, runtimeStatus, createdAt, lastUpdatedAt, status?.Domain ?? report?.Domain, status?.Phase ?? "pending", report);
    }
}
