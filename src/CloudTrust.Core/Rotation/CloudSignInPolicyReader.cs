using System.Text.Json;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rotation;

/// <summary>
/// Reads the cloud sign-in mode per domain where a document names it — <c>"cloudSignIn": "attended" | "password"</c>
/// (attended when absent) and <c>"cloudSignInByDomain": { "&lt;domain&gt;": "attended" | "password" }</c> — the one reading
/// of these settings for the rotation policy and the rollout plan alike, with errors naming the path.
/// </summary>
public static class CloudSignInPolicyReader
{
    /// <summary>Reads the two settings from a document's root object.</summary>
    /// <param name="root">The document's root object.</param>
    /// <param name="attendedTimeout">How long an attended operation waits for an administrator.</param>
    /// <param name="errors">Where problems are added.</param>
    /// <returns>The policy (attended everywhere when neither setting is written).</returns>
    public static CloudSignInPolicy Read(JsonElement root, TimeSpan attendedTimeout, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fallback = CloudSignInMode.Attended;
        if (root.TryGetProperty("cloudSignIn", out var value)
            && (value.ValueKind != JsonValueKind.String || !CloudSignInModes.TryParse(value.GetString(), out fallback)))
        {
            errors.Add(new ValidationError("cloudSignIn", "must be \"attended\" (the default: an administrator signs in on the agent's host, MFA included) or \"password\" (a stored MFA-excluded account)"));
        }

        var domains = new Dictionary<string, CloudSignInMode>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("cloudSignInByDomain", out var byDomain))
        {
            if (byDomain.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError("cloudSignInByDomain", "must be an object of domain: \"attended\" | \"password\""));
            }
            else
            {
                foreach (var entry in byDomain.EnumerateObject())
                {
                    if (!DnsName.IsValid(entry.Name))
                    {
                        errors.Add(new ValidationError($"cloudSignInByDomain.{entry.Name}", "not a DNS name"));
                    }
                    else if (entry.Value.ValueKind != JsonValueKind.String || !CloudSignInModes.TryParse(entry.Value.GetString(), out var mode))
                    {
                        errors.Add(new ValidationError($"cloudSignInByDomain.{entry.Name}", "must be \"attended\" or \"password\""));
                    }
                    else
                    {
                        domains[entry.Name] = mode;
                    }
                }
            }
        }

        return new CloudSignInPolicy(fallback, domains, attendedTimeout);
    }
}
