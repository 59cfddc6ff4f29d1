using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Checks that the plan's ring group ids are Entra groups (<c>GET /groups/{id}</c>; a 404 is a plan error naming the
/// id's path, answered at once instead of failing a later read after its retries) and resolves ring group display
/// names to ids (typed v1.0 SDK, <c>$filter=displayName eq '…'</c>). Every id and name is looked up before anything is written: a name matching several groups is an error naming them, and a
/// missing name is an error unless the plan lets missing groups be created — then, and only when no name is in
/// error, each missing one becomes an assigned-membership security group. Looking up first makes a rerun find
/// the groups the previous run created.
/// </summary>
internal sealed partial class GroupResolver(GraphConnection graph, ILogger<GroupResolver> logger)
{
    /// <summary>Resolves the plan's group names; with <paramref name="dryRun"/> nothing is created and <see cref="ResolveRingGroupsResult.Created"/> names the groups that would be.</summary>
    public async Task<ResolveRingGroupsResult> ResolveAsync(ResolveRingGroupsInput input, CancellationToken cancellationToken, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<(string Name, string Path)>();
        var errors = new List<ValidationError>();
        await CheckIdsAsync(input.RingGroupIds ?? [], errors, cancellationToken);
        for (var ring = 0; ring < input.RingGroupNames.Count; ring++)
        {
            var names = input.RingGroupNames[ring];
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                var path = $"rings[{ring}].groupNames[{i}]";
                if (ids.ContainsKey(name) || missing.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var found = await FindAsync(name, cancellationToken);
                switch (found.Count)
                {
                    case 0:
                        missing.Add((name, path));
                        break;
                    case 1:
                        ids[name] = Guid.Parse(found[0].Id!);
                        break;
                    default:
                        errors.Add(new ValidationError(path, $"{found.Count} Entra groups are named '{name}' ({string.Join(", ", found.Select(g => g.Id))}): rename all but one, or name the group by id in groupIds"));
                        break;
                }
            }
        }

        if (!input.CreateMissing)
        {
            errors.AddRange(missing.Select(m => new ValidationError(m.Path, $"no Entra group named '{m.Name}' (set createMissingGroups to create it)")));
        }

        if (errors.Count > 0)
        {
            LogUnresolved(errors.Count);
            return new ResolveRingGroupsResult(ids, [], [.. errors.OrderBy(e => e.Path, StringComparer.Ordinal)]);
        }

        if (dryRun)
        {
            return new ResolveRingGroupsResult(ids, [.. missing.Select(m => m.Name)], []);
        }

        var created = new List<string>();
        foreach (var (name, _) in missing)
        {
            var group = await graph.V1.Groups.PostAsync(
                new Group
                {
                    DisplayName = name,
                    Description = "WHfB cloud Kerberos trust ring group, created by CloudTrust",
                    MailEnabled = false,
                    SecurityEnabled = true,
                    MailNickname = MailNickname.From(name),
                },
                cancellationToken: cancellationToken) ?? throw new GraphRequestException(201, "EmptyBody", "create returned no group", "POST groups");
            ids[name] = Guid.Parse(group.Id!);
            created.Add(name);
            LogCreated(name, group.Id!);
        }

        return new ResolveRingGroupsResult(ids, created, []);
    }

    private async Task CheckIdsAsync(IReadOnlyList<IReadOnlyList<Guid>> rings, List<ValidationError> errors, CancellationToken cancellationToken)
    {
        var checkedIds = new HashSet<Guid>();
        for (var ring = 0; ring < rings.Count; ring++)
        {
            for (var i = 0; i < rings[ring].Count; i++)
            {
                var id = rings[ring][i];
                if (checkedIds.Add(id) && !await ExistsAsync(id, cancellationToken))
                {
                    errors.Add(new ValidationError($"rings[{ring}].groupIds[{i}]", $"no Entra group has id {id} (a deleted group, a typo, or the id of a device or user rather than a group)"));
                }
            }
        }
    }

    private async Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await graph.V1.Groups[id.ToString()].GetAsync(r => r.QueryParameters.Select = ["id"], cancellationToken);
            return true;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>The OData string literal of a name: single quotes doubled.</summary>
    internal static string Literal(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private async Task<List<Group>> FindAsync(string name, CancellationToken cancellationToken)
    {
        var groups = graph.V1.Groups;
        var found = new List<Group>();
        var page = await groups.GetAsync(
            r =>
            {
                r.QueryParameters.Filter = "displayName eq " + Literal(name);
                r.QueryParameters.Select = ["id", "displayName"];
                r.QueryParameters.Top = graph.Options.CollectionPageSize;
            },
            cancellationToken);
        string? link = null;
        while (page is not null)
        {
            found.AddRange((page.Value ?? []).Where(g => g.Id is not null));
            link = CollectionPaging.Next("GET /groups", link, page.OdataNextLink);
            page = link is { } next ? await groups.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Entra security group {Name} ({GroupId})")]
    private partial void LogCreated(string name, string groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ring groups did not resolve: {Count} error(s); nothing created")]
    private partial void LogUnresolved(int count);
}
