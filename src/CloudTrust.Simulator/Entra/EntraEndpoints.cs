using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Entra;

/// <summary>
/// The slice of the Microsoft identity platform v2.0 endpoints that Azure.Identity's client-credentials flow
/// uses (with instance discovery disabled): the OpenID configuration and the token endpoint.
/// </summary>
public static class EntraEndpoints
{
    /// <summary>Maps the endpoints under <c>/{tenant}/…</c>.</summary>
    /// <param name="routes">The route builder.</param>
    /// <param name="entra">The simulated directory.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapEntra(this IEndpointRouteBuilder routes, SimulatedEntra entra)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(entra);

        routes.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext http, string tenant) =>
        {
            var issuer = $"{http.Request.Scheme}://{http.Request.Host}/{tenant}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"{issuer}/v2.0",
                ["authorization_endpoint"] = $"{issuer}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{issuer}/oauth2/v2.0/token",
                ["jwks_uri"] = $"{issuer}/discovery/v2.0/keys",
                ["response_types_supported"] = new[] { "code", "token" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["tenant_region_scope"] = "WW",
            });
        });

        routes.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext http, string tenant) =>
        {
            if (!Guid.TryParse(tenant, out var tenantId) || tenantId != entra.TenantId)
            {
                return Error(400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
            }

            if (!http.Request.HasFormContentType)
            {
                return Error(400, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["grant_type"] != "client_credentials")
            {
                return Error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
            }

            var token = entra.Issue(form["client_id"].ToString(), form["client_secret"].ToString(), form["scope"].ToString());
            if (token is null)
            {
                return Error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            }

            var seconds = (int)entra.TokenLifetime.TotalSeconds;
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = seconds,
                ["ext_expires_in"] = seconds,
                ["access_token"] = token.AccessToken,
            });
        });

        return routes;
    }

    private static IResult Error(int status, string error, string description)
        => Results.Json(new Dictionary<string, object> { ["error"] = error, ["error_description"] = description, ["error_codes"] = Array.Empty<int>() }, statusCode: status);
}
