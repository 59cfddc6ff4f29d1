using System.Text.Json.Nodes;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// v1.0 <c>/groups</c>: list with <c>$filter=displayName eq '…'</c> (quotes doubled inside the literal, matched
/// case-insensitively as Entra does), get one by id (404 for an id that is not a
/// group), and create, with Graph's checks on <c>mailNickname</c>.
/// </summary>
internal static class GroupEndpoints
{
    private const string Forbidden = "@()\\[]\";:<>, ";

    public static void Map(RouteGroupBuilder v1, SimulatedIntune intune)
    {
        v1.MapGet("/groups", (HttpContext http) =>
        {
            var filter = http.Request.Query["$filter"].ToString();
            if (filter.Length == 0)
            {
                return GraphResponses.Page(http, intune.Groups(), Describe, intune.Options);
            }

            return ParseDisplayNameFilter(filter) is { } name
                ? GraphResponses.Page(http, intune.GroupsNamed(name), Describe, intune.Options)
                : GraphResponses.BadRequest($"Unsupported or invalid filter: {filter}");
        });

        v1.MapGet("/groups/{id}", (string id) =>
            Guid.TryParse(id, out var groupId) && intune.FindGroup(groupId) is { } group
                ? Results.Json(Describe(group), SimulatorJson.Options)
                : GraphResponses.NotFound($"group {id}"));

        v1.MapPost("/groups", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            var name = body?["displayName"]?.GetValue<string>();
            var nickname = body?["mailNickname"]?.GetValue<string>();
            var security = body?["securityEnabled"]?.GetValue<bool>();
            var mail = body?["mailEnabled"]?.GetValue<bool>();
            if (string.IsNullOrEmpty(name) || name.Length > 256)
            {
                return GraphResponses.BadRequest("displayName is required (at most 256 characters).");
            }

            if (string.IsNullOrEmpty(nickname) || nickname.Length > 64 || nickname.Any(c => c > 127 || char.IsControl(c) || Forbidden.Contains(c, StringComparison.Ordinal)))
            {
                return GraphResponses.BadRequest("Invalid value specified for property 'mailNickname' of resource 'Group'.");
            }

            if (security is null || mail is null)
            {
                return GraphResponses.BadRequest("securityEnabled and mailEnabled are required.");
            }

            var group = intune.CreateGroup(name, nickname, security.Value, mail.Value);
            return Results.Json(Describe(group), SimulatorJson.Options, statusCode: 201);
        });
    }

    /// <summary>Reads <c>displayName eq '…'</c>; null for anything else.</summary>
    internal static string? ParseDisplayNameFilter(string filter)
    {
        const string Prefix = "displayName eq '";
        var text = filter.Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !text.EndsWith('\'') || text.Length < Prefix.Length + 1)
        {
            return null;
        }

        var literal = text[Prefix.Length..^1];
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] == '\'')
            {
                if (i + 1 >= literal.Length || literal[i + 1] != '\'')
                {
                    return null;
                }

                i++;
            }
        }

        return literal.Replace("''", "'", StringComparison.Ordinal);
    }

    private static object Describe(SimulatedGroup g) => new Dictionary<string, object>
    {
        ["@odata.type"] = "#microsoft.graph.group",
        ["id"] = g.Id.ToString(),
        ["displayName"] = g.DisplayName,
        ["mailNickname"] = g.MailNickname,
        ["securityEnabled"] = g.SecurityEnabled,
        ["mailEnabled"] = g.MailEnabled,
        ["groupTypes"] = Array.Empty<string>(),
    };
}
