using System.Text.Json;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Plan;

/// <summary>
/// Reads the plan's on-premises settings: <c>readiness</c> (block or warn per finding) and the cloud sign-in mode per
/// domain for the Kerberos server object's creation (<c>cloudSignIn</c>, <c>cloudSignInByDomain</c>, read by the
/// rotation policy's own <see cref="CloudSignInPolicyReader"/>), with errors naming the path.
/// </summary>
internal static class PlanOnPremisesReader
{
    private static readonly string[] Findings = ["domainControllers", "privilegedUsers"];

    public static OnPremisesReadinessPolicy ReadReadiness(JsonElement root, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("readiness", out var element))
        {
            return OnPremisesReadinessPolicy.Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("readiness", "must be an object: { \"domainControllers\": \"block\" | \"warn\", \"privilegedUsers\": \"block\" | \"warn\" }"));
            return OnPremisesReadinessPolicy.Default;
        }

        foreach (var property in element.EnumerateObject().Where(p => !Findings.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new ValidationError($"readiness.{property.Name}", $"unknown finding (known: {string.Join(", ", Findings)})"));
        }

        return new OnPremisesReadinessPolicy(
            ReadSeverity(element, "domainControllers", OnPremisesReadinessPolicy.Default.DomainControllers, errors),
            ReadSeverity(element, "privilegedUsers", OnPremisesReadinessPolicy.Default.PrivilegedUsers, errors));
    }

    public static CloudSignInPolicy? ReadSignIn(JsonElement root, IReadOnlyList<string> domains, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("cloudSignIn", out _) && !root.TryGetProperty("cloudSignInByDomain", out _))
        {
            // The plan names no sign-in: the tenant's rotation policy decides (RolloutPlan.CloudSignIn).
            return null;
        }

        var policy = CloudSignInPolicyReader.Read(root, CloudSignInPolicy.DefaultAttendedTimeout, errors);
        foreach (var named in policy.Domains.Keys.Where(d => !domains.Contains(d, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(new ValidationError($"cloudSignInByDomain.{named}", "not one of the plan's domains"));
        }

        return policy;
    }

    private static FindingSeverity ReadSeverity(JsonElement parent, string property, FindingSeverity fallback, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return fallback;
        }

        return (element.ValueKind == JsonValueKind.String ? element.GetString() : null) switch
        {
            "block" => FindingSeverity.Block,
            "warn" => FindingSeverity.Warn,
            _ => Fail(errors, $"readiness.{property}", fallback),
        };
    }

    private static FindingSeverity Fail(List<ValidationError> errors, string path, FindingSeverity fallback)
    {
        errors.Add(new ValidationError(path, "expected \"block\" or \"warn\""));
        return fallback;
    }
}
