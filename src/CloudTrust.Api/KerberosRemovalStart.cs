using System.Text.Json;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>
/// A request to remove a domain's Kerberos server object, from <c>POST /api/kerberos/removals</c>:
/// <c>{ "domain": "contoso.com", "confirm": "contoso.com", "signIn": "attended", "attendedTimeoutMinutes": 240 }</c>.
/// <c>confirm</c> names the domain again (the removal cannot be undone); <c>signIn</c> is attended unless password is
/// named; every problem names its field.
/// </summary>
public static class KerberosRemovalStart
{
    /// <summary>The longest wait for an administrator accepted, in minutes (a day).</summary>
    public const int MaxAttendedTimeoutMinutes = 1440;

    private static readonly string[] Known = ["domain", "confirm", "signIn", "attendedTimeoutMinutes"];

    /// <summary>Reads and validates a body; never throws on bad input.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="requestedBy">The signed-in principal who asks.</param>
    /// <param name="pollInterval">How often the workflow reads an attended request.</param>
    /// <returns>The workflow's input, or the problem.</returns>
    public static (KerberosRemovalRequest? Request, ApiProblem? Problem) Read(ReadOnlySpan<byte> body, string requestedBy, TimeSpan pollInterval)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            return (null, Problem("body", $"not readable JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Problem("body", "must be a JSON object: { \"domain\": \"…\", \"confirm\": \"<the domain again>\" }"));
            }

            var errors = new List<ValidationError>();
            foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.Ordinal)))
            {
                errors.Add(new ValidationError(Bounded(property.Name), $"unknown field (known: {string.Join(", ", Known)})"));
            }

            var domain = String(root, "domain")?.Trim().TrimEnd('.').ToLowerInvariant();
            if (domain is null)
            {
                errors.Add(new ValidationError("domain", "required: the AD DNS domain whose object is removed"));
            }
            else if (!DnsName.IsValid(domain, out var problem))
            {
                errors.Add(new ValidationError("domain", problem));
                domain = null;
            }

            var confirm = String(root, "confirm")?.Trim().TrimEnd('.');
            if (domain is not null && !string.Equals(confirm, domain, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError("confirm", $"must repeat the domain ('{domain}') to remove its object: the removal cannot be undone"));
            }

            var mode = CloudSignInMode.Attended;
            if (root.TryGetProperty("signIn", out var signIn) && (signIn.ValueKind != JsonValueKind.String || !CloudSignInModes.TryParse(signIn.GetString(), out mode)))
            {
                errors.Add(new ValidationError("signIn", "must be \"attended\" (the default: an administrator signs in on the agent's host, MFA included) or \"password\" (a stored MFA-excluded account)"));
            }

            var timeout = CloudSignInPolicy.DefaultAttendedTimeout;
            if (root.TryGetProperty("attendedTimeoutMinutes", out var minutes))
            {
                if (minutes.ValueKind == JsonValueKind.Number && minutes.TryGetInt32(out var m) && m is >= 1 and <= MaxAttendedTimeoutMinutes)
                {
                    timeout = TimeSpan.FromMinutes(m);
                }
                else
                {
                    errors.Add(new ValidationError("attendedTimeoutMinutes", $"must be a whole number from 1 to {MaxAttendedTimeoutMinutes}"));
                }
            }

            return errors.Count > 0
                ? (null, ApiProblem.Invalid("the removal request (nothing was changed)", errors))
                : (new KerberosRemovalRequest(domain!, mode, timeout, pollInterval, requestedBy), null);
        }

        string? String(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>
    /// Who asks for the removal: a removal cannot be undone, so over HTTP it needs a principal App Service Authentication
    /// signed in (<see cref="Approver"/>); a function key alone is refused, with or without authentication on.
    /// </summary>
    /// <param name="appServiceAuthentication">Whether App Service Authentication is on for the app.</param>
    /// <param name="principalName">The <see cref="Approver.PrincipalNameHeader"/> value, if any.</param>
    /// <returns>The principal's name, or the 401 problem.</returns>
    public static (string? By, ApiProblem? Problem) SignedIn(bool appServiceAuthentication, string? principalName)
    {
        if (!appServiceAuthentication)
        {
            return (null, ApiProblem.Invalid("the removal", [new ValidationError("caller", "a removal over HTTP needs a signed-in approver: turn App Service Authentication on for this app (Bicep approvalAuthentication), or run 'cloudtrust kerberos remove' on a machine with the journal. Nothing was changed")]) with { Status = 401, Title = "Unauthorized" });
        }

        return Approver.RequireSignIn(true, principalName) is { } unsigned ? (null, unsigned) : (Approver.Name(true, principalName), null);
    }

    /// <summary>The 409 answer when a rollout relies on the object: nothing was started.</summary>
    /// <param name="refusal">The guard's reason (<see cref="KerberosRemovalGuard"/>).</param>
    /// <returns>The problem.</returns>
    public static ApiProblem Refused(string refusal)
        => ApiProblem.Invalid("the removal", [new ValidationError("domain", refusal)]) with { Status = 409, Title = "Conflict" };

    private static ApiProblem Problem(string field, string message) => ApiProblem.Invalid("the removal request (nothing was changed)", [new ValidationError(field, message)]);

    private static string Bounded(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
