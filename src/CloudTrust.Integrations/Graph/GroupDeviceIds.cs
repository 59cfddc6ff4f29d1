using Microsoft.Graph.Models;

namespace CloudTrust.Integrations.Graph;

/// <summary>Reads the Entra device ids of the device members of groups (typed v1.0 SDK, every page).</summary>
internal sealed class GroupDeviceIds(GraphConnection graph)
{
    public async Task<HashSet<string>> ReadAsync(IEnumerable<Guid> groupIds, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var groupId in groupIds)
        {
            var members = graph.V1.Groups[groupId.ToString()].Members;
            var page = await members.GetAsync(
                r =>
                {
                    r.QueryParameters.Top = graph.Options.CollectionPageSize;
                    r.QueryParameters.Select = ["id", "deviceId"];
                },
                cancellationToken);
            while (page is not null)
            {
                foreach (var member in page.Value ?? [])
                {
                    if (member is Device { DeviceId: { } deviceId })
                    {
                        ids.Add(deviceId);
                    }
                }

                page = page.OdataNextLink is { } next ? await members.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
            }
        }

        return ids;
    }
}
