using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Plan;

/// <summary>
/// Reads a rollout plan from JSON and validates it, reporting every problem with a path
/// (<c>rings[1].groupIds[0]: not a GUID</c>) or, for malformed JSON, the line and position.
/// </summary>
public static class RolloutPlanReader
{
    /// <summary>The poll interval used when the plan does not name one.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(15);

    /// <summary>Parses and validates <paramref name="json"/>.</summary>
    /// <param name="json">The plan document.</param>
    /// <returns>The plan, or the errors.</returns>
    public static PlanReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            return new PlanReadResult(null, [new ValidationError(string.Empty, string.Create(CultureInfo.InvariantCulture, $"malformed JSON at line {line}, position {position}"))]);
        }

        using (document)
        {
            var errors = new List<ValidationError>();
            var plan = ReadPlan(document.RootElement, errors);
            return errors.Count == 0 ? new PlanReadResult(plan, []) : new PlanReadResult(null, errors);
        }
    }

    private static RolloutPlan? ReadPlan(JsonElement root, List<ValidationError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(string.Empty, "the plan must be a JSON object"));
            return null;
        }

        var tenantId = ReadGuid(root, "tenantId", "tenantId", errors, required: true);
        var domains = ReadDomains(root, errors);
        var mode = ReadMode(root, errors);
        var name = ReadString(root, "profileName", errors) ?? string.Empty;
        if (root.TryGetProperty("profileName", out _) && string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new ValidationError("profileName", "must not be empty"));
        }
        else if (!root.TryGetProperty("profileName", out _))
        {
            errors.Add(new ValidationError("profileName", "required"));
        }

        var requireSecurityDevice = ReadBool(root, "requireSecurityDevice", "requireSecurityDevice", errors) ?? true;
        var poll = ReadDuration(root, "pollInterval", "pollInterval", errors) ?? DefaultPollInterval;
        if (poll <= TimeSpan.Zero)
        {
            errors.Add(new ValidationError("pollInterval", "must be greater than zero"));
        }

        var rings = ReadRings(root, errors);
        var probe = ReadBool(root, "ticketProbe", "ticketProbe", errors) ?? false;
        var createGroups = ReadBool(root, "createMissingGroups", "createMissingGroups", errors) ?? false;
        var hello = HelloOptionsReader.Read(root, requireSecurityDevice, errors);
        var readiness = PlanOnPremisesReader.ReadReadiness(root, errors);
        var signIn = PlanOnPremisesReader.ReadSignIn(root, domains, errors);

        return new RolloutPlan(tenantId ?? Guid.Empty, domains, mode, name.Trim(), requireSecurityDevice, poll, rings, probe, createGroups, hello)
        {
            Readiness = readiness,
            CloudSignIn = signIn,
        };
    }

    private static List<string> ReadDomains(JsonElement root, List<ValidationError> errors)
    {
        var domains = new List<string>();
        if (!root.TryGetProperty("domains", out var element) || element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError("domains", element.ValueKind == JsonValueKind.Undefined ? "required" : "must be an array"));
            return domains;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"domains[{index++}]";
            if (item.ValueKind != JsonValueKind.String || !DnsName.IsValid(item.GetString()!))
            {
                errors.Add(new ValidationError(path, "not a DNS name"));
            }
            else if (domains.Contains(item.GetString()!, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError(path, "duplicate domain"));
            }
            else
            {
                domains.Add(item.GetString()!.ToLowerInvariant());
            }
        }

        if (index == 0)
        {
            errors.Add(new ValidationError("domains", "at least one domain"));
        }

        return domains;
    }

    private static ProfileMode ReadMode(JsonElement root, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("profileMode", out var element))
        {
            return ProfileMode.SettingsCatalog;
        }

        return (element.ValueKind == JsonValueKind.String ? element.GetString() : null) switch
        {
            "settingsCatalog" => ProfileMode.SettingsCatalog,
            "customOmaUri" => ProfileMode.CustomOmaUri,
            _ => Fail(errors, "profileMode", "must be \"settingsCatalog\" or \"customOmaUri\"", ProfileMode.SettingsCatalog),
        };
    }

    private static List<RolloutRing> ReadRings(JsonElement root, List<ValidationError> errors)
    {
        var rings = new List<RolloutRing>();
        if (!root.TryGetProperty("rings", out var element) || element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError("rings", element.ValueKind == JsonValueKind.Undefined ? "at least one ring" : "must be an array"));
            return rings;
        }

        var seenGroups = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"rings[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError(path, "must be an object"));
                continue;
            }

            rings.Add(ReadRing(item, path, seenGroups, errors));
        }

        if (index == 0)
        {
            errors.Add(new ValidationError("rings", "at least one ring"));
        }

        return rings;
    }

    private static RolloutRing ReadRing(JsonElement ring, string path, Dictionary<string, string> seenGroups, List<ValidationError> errors)
    {
        var name = ring.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : path;
        var groups = ReadGroupIds(ring, path, seenGroups, errors);
        var names = RingGroupNames.Read(ring, path, seenGroups, errors);
        if (groups.Count + names.Count == 0 && !errors.Any(e => e.Path.StartsWith($"{path}.group", StringComparison.Ordinal)))
        {
            errors.Add(new ValidationError($"{path}.groupIds", "at least one group (groupIds or groupNames)"));
        }

        var threshold = ReadShare(ring, "successThreshold", path, errors, required: true) ?? 0;
        var maxError = ReadShare(ring, "maxErrorShare", path, errors, required: false) ?? 0.05;
        var soak = ReadDuration(ring, "soak", $"{path}.soak", errors) ?? TimeSpan.Zero;
        var deadline = ReadDuration(ring, "verificationDeadline", $"{path}.verificationDeadline", errors);
        if (deadline is null)
        {
            if (!ring.TryGetProperty("verificationDeadline", out _))
            {
                errors.Add(new ValidationError($"{path}.verificationDeadline", "required"));
            }
        }
        else if (deadline < soak)
        {
            errors.Add(new ValidationError($"{path}.verificationDeadline", "must not be shorter than soak"));
        }

        if (soak < TimeSpan.Zero)
        {
            errors.Add(new ValidationError($"{path}.soak", "must not be negative"));
        }

        var approval = ReadBool(ring, "requireApproval", $"{path}.requireApproval", errors) ?? false;
        var migrateFrom = ReadMigrateFrom(ring, path, errors);
        var ticketThreshold = ReadShare(ring, "ticketThreshold", path, errors, required: false);
        var minReports = ReadCount(ring, "minTicketReports", $"{path}.minTicketReports", errors) ?? 1;
        if (ring.TryGetProperty("minTicketReports", out _) && ticketThreshold is null && !ring.TryGetProperty("ticketThreshold", out _))
        {
            errors.Add(new ValidationError($"{path}.minTicketReports", "needs ticketThreshold (the share of reporting devices with both tickets)"));
        }

        return new RolloutRing(name, groups, threshold, maxError, soak, deadline ?? TimeSpan.Zero, approval, names, migrateFrom, ticketThreshold, minReports);
    }

    private static List<Guid> ReadGroupIds(JsonElement ring, string path, Dictionary<string, string> seenGroups, List<ValidationError> errors)
    {
        var groups = new List<Guid>();
        if (!ring.TryGetProperty("groupIds", out var g))
        {
            return groups;
        }

        if (g.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError($"{path}.groupIds", "must be an array"));
            return groups;
        }

        var i = 0;
        foreach (var item in g.EnumerateArray())
        {
            var itemPath = $"{path}.groupIds[{i++}]";
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out var id))
            {
                errors.Add(new ValidationError(itemPath, "not a GUID"));
            }
            else if (seenGroups.TryGetValue(id.ToString(), out var first))
            {
                errors.Add(new ValidationError(itemPath, $"group already used at {first}"));
            }
            else
            {
                seenGroups[id.ToString()] = itemPath;
                groups.Add(id);
            }
        }

        return groups;
    }

    private static TrustModel? ReadMigrateFrom(JsonElement ring, string path, List<ValidationError> errors)
    {
        if (!ring.TryGetProperty("migrateFrom", out var element))
        {
            return null;
        }

        return (element.ValueKind == JsonValueKind.String ? element.GetString() : null) switch
        {
            "keyTrust" => TrustModel.KeyTrust,
            "certificateTrust" => TrustModel.CertificateTrust,
            _ => Fail<TrustModel?>(errors, $"{path}.migrateFrom", "must be \"keyTrust\" or \"certificateTrust\"", null),
        };
    }

    private static double? ReadShare(JsonElement parent, string property, string path, List<ValidationError> errors, bool required)
    {
        var full = $"{path}.{property}";
        if (!parent.TryGetProperty(property, out var element))
        {
            return required ? Fail<double?>(errors, full, "required", null) : null;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && value is >= 0 and <= 1
            ? value
            : Fail<double?>(errors, full, "must be a number from 0 to 1", null);
    }

    private static int? ReadCount(JsonElement parent, string property, string path, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= 1
            ? value
            : Fail<int?>(errors, path, "must be a whole number of at least 1", null);
    }

    private static TimeSpan? ReadDuration(JsonElement parent, string property, string path, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String && TimeSpan.TryParse(element.GetString(), CultureInfo.InvariantCulture, out var value)
            ? value
            : Fail<TimeSpan?>(errors, path, "not a duration (use [d.]hh:mm:ss)", null);
    }

    private static bool? ReadBool(JsonElement parent, string property, string path, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return null;
        }

        return element.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? element.GetBoolean()
            : Fail<bool?>(errors, path, "must be true or false", null);
    }

    private static string? ReadString(JsonElement parent, string property, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : Fail<string?>(errors, property, "must be a string", null);
    }

    private static Guid? ReadGuid(JsonElement parent, string property, string path, List<ValidationError> errors, bool required)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return required ? Fail<Guid?>(errors, path, "required", null) : null;
        }

        return element.ValueKind == JsonValueKind.String && Guid.TryParse(element.GetString(), out var id) && id != Guid.Empty
            ? id
            : Fail<Guid?>(errors, path, "not a GUID", null);
    }

    private static T Fail<T>(List<ValidationError> errors, string path, string message, T fallback)
    {
        errors.Add(new ValidationError(path, message));
        return fallback;
    }
}
