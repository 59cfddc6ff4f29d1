namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Reads the Entra device ids (<c>device.deviceId</c>) of the devices in groups, nested groups included, with the
/// typed v1.0 SDK, every page: <c>GET /groups/{id}/transitiveMembers/microsoft.graph.device?$select=id,deviceId</c>
/// (the SDK writes the cast alias-qualified, <c>graph.device</c>, after the CSDL's <c>Schema Alias="graph"</c>).
/// </summary>
/// <remarks>
/// Contract (v1.0 CSDL <c>group</c> navigation <c>transitiveMembers</c>, type cast to <c>microsoft.graph.device</c>;
/// docs "List group transitive members", learn.microsoft.com/graph/api/group-list-transitivemembers): <c>deviceId</c>
/// is a property of <c>device</c>, not of <c>directoryObject</c>, so the cast both keeps users and groups out of the
/// pages and makes <c>$select=deviceId</c> a property of the type read. Transitive, because Intune assigns a policy to a
/// group's nested members too, so a ring's devices are its nested members. Permissions: GroupMember.Read.All to list
/// members, and Device.Read.All to see a device's properties: without it Graph answers "limited information" (only
/// <c>id</c> and <c>@odata.type</c>, docs "Limited information returned for inaccessible member objects"), which this
/// reader refuses with the field named instead of reading a ring as empty.
/// </remarks>
internal sealed class GroupDeviceIds(GraphConnection graph)
{
    public async Task<HashSet<string>> ReadAsync(IEnumerable<Guid> groupIds, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var groupId in groupIds)
        {
            var request = $"GET /groups/{groupId}/transitiveMembers/microsoft.graph.device";
            var devices = graph.V1.Groups[groupId.ToString()].TransitiveMembers.GraphDevice;
            var page = await devices.GetAsync(
                r =>
                {
                    r.QueryParameters.Top = graph.Options.CollectionPageSize;
                    r.QueryParameters.Select = ["id", "deviceId"];
                },
                cancellationToken);
            string? link = null;
            while (page is not null)
            {
                foreach (var device in page.Value ?? throw new UnexpectedGraphResponseException(request, "value", "is missing"))
                {
                    ids.Add(device.DeviceId is { Length: > 0 } deviceId
                        ? deviceId
                        : throw new UnexpectedGraphResponseException(request, $"deviceId of member {device.Id}", "is missing: Graph returns only id and @odata.type for members the app may not read (grant Device.Read.All)"));
                }

                link = CollectionPaging.Next(request, link, page.OdataNextLink);
                page = link is { } next ? await devices.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
            }
        }

        return ids;
    }
}
