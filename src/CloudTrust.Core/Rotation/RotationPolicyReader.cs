using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Validation;
using Cronos;

namespace CloudTrust.Core.Rotation;

/// <summary>
/// Reads a rotation policy from JSON and reports every problem with its path, for example
/// <c>schedule: not a six-field NCRONTAB expression</c> or <c>maxKeyAgeDays: must be greater than 0</c>.
/// </summary>
/// <remarks>
/// <code>
/// { "schedule": "0 0 3 * * 0", "maxKeyAgeDays": 90, "domains": ["contoso.com"],
///   "maintenanceWindow": { "start": "01:00", "end": "05:00", "days": ["Saturday", "Sunday"] },
///   "requireApproval": false, "freeze": false, "convergenceDeadlineMinutes": 120, "pollIntervalMinutes": 5,
///   "cloudSignIn": "attended", "cloudSignInByDomain": { "legacy.contoso.com": "password" }, "attendedTimeoutMinutes": 240 }
/// </code>
/// <c>cloudSignIn</c> is <c>attended</c> when absent: <c>password</c> must be asked for by name.
/// <code>
/// </code>
/// </remarks>
public static class RotationPolicyReader
{
    private static readonly string[] Known =
    [
        "schedule", "maxKeyAgeDays", "domains", "maintenanceWindow", "requireApproval", "freeze",
        "convergenceDeadlineMinutes", "pollIntervalMinutes", "cloudSignIn", "cloudSignInByDomain", "attendedTimeoutMinutes",
    ];

    /// <summary>Reads a policy.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="InvalidInputException">The JSON is malformed or a value is out of range.</exception>
    public static RotationPolicy Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException("rotation policy", [new ValidationError(string.Empty, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")]);
        }

        using (document)
        {
            var errors = new List<ValidationError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException("rotation policy", [new ValidationError(string.Empty, "must be a JSON object")]);
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!Known.Contains(property.Name, StringComparer.Ordinal))
                {
                    errors.Add(new ValidationError(property.Name, $"unknown setting (known: {string.Join(", ", Known)})"));
                }
            }

            var schedule = ReadSchedule(root, errors);
            var maxAge = ReadPositiveNumber(root, "maxKeyAgeDays", 90, errors);
            var domains = ReadDomains(root, errors);
            var window = ReadWindow(root, errors);
            var approval = ReadBool(root, "requireApproval", false, errors);
            var freeze = ReadBool(root, "freeze", false, errors);
            var deadline = ReadPositiveNumber(root, "convergenceDeadlineMinutes", 120, errors);
            var poll = ReadPositiveNumber(root, "pollIntervalMinutes", 5, errors);
            var signIn = ReadSignIn(root, errors);
            if (errors.Count == 0 && poll > deadline)
            {
                errors.Add(new ValidationError("pollIntervalMinutes", "must not exceed convergenceDeadlineMinutes"));
            }

            if (errors.Count > 0)
            {
                throw new InvalidInputException("rotation policy", errors);
            }

            return new RotationPolicy(schedule!, TimeSpan.FromDays(maxAge), domains, window, approval, freeze, TimeSpan.FromMinutes(deadline), TimeSpan.FromMinutes(poll), signIn);
        }
    }

    private static CloudSignInPolicy ReadSignIn(JsonElement root, List<ValidationError> errors)
    {
        var modes = CloudSignInPolicyReader.Read(root, CloudSignInPolicy.DefaultAttendedTimeout, errors);
        var timeout = ReadPositiveNumber(root, "attendedTimeoutMinutes", CloudSignInPolicy.DefaultAttendedTimeout.TotalMinutes, errors);
        return modes with { AttendedTimeout = TimeSpan.FromMinutes(timeout) };
    }

    private static string? ReadSchedule(JsonElement root, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("schedule", out var value))
        {
            errors.Add(new ValidationError("schedule", "required (six-field NCRONTAB, for example \"0 0 3 * * 0\")"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ValidationError("schedule", "must be a string"));
            return null;
        }

        var text = value.GetString()!;
        if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            errors.Add(new ValidationError("schedule", $"'{text}' is not a six-field NCRONTAB expression (second minute hour day month weekday)"));
            return null;
        }

        try
        {
            CronExpression.Parse(text, CronFormat.IncludeSeconds);
            return text;
        }
        catch (CronFormatException ex)
        {
            errors.Add(new ValidationError("schedule", $"'{text}' does not parse: {ex.Message}"));
            return null;
        }
    }

    private static double ReadPositiveNumber(JsonElement root, string name, double fallback, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || double.IsNaN(number) || double.IsInfinity(number))
        {
            errors.Add(new ValidationError(name, "must be a number"));
            return fallback;
        }

        if (number <= 0 || number > 3650)
        {
            errors.Add(new ValidationError(name, $"must be greater than 0 and at most 3650 (was {number.ToString(CultureInfo.InvariantCulture)})"));
            return fallback;
        }

        return number;
    }

    private static bool ReadBool(JsonElement root, string name, bool fallback, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new ValidationError(name, "must be true or false"));
            return fallback;
        }

        return value.GetBoolean();
    }

    private static List<string> ReadDomains(JsonElement root, List<ValidationError> errors)
    {
        var domains = new List<string>();
        if (!root.TryGetProperty("domains", out var value))
        {
            return domains;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError("domains", "must be an array of DNS names"));
            return domains;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!DnsName.IsValid(text))
            {
                errors.Add(new ValidationError($"domains[{i}]", "not a DNS name"));
            }
            else if (domains.Contains(text!, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError($"domains[{i}]", $"'{text}' is listed twice"));
            }
            else
            {
                domains.Add(text!);
            }

            i++;
        }

        return domains;
    }

    private static MaintenanceWindow? ReadWindow(JsonElement root, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("maintenanceWindow", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("maintenanceWindow", "must be an object with start, end and days"));
            return null;
        }

        var start = ReadTime(value, "start", errors);
        var end = ReadTime(value, "end", errors);
        if (start is not null && start == end)
        {
            errors.Add(new ValidationError("maintenanceWindow.end", "must differ from start"));
        }

        var days = new List<DayOfWeek>();
        if (value.TryGetProperty("days", out var dayList))
        {
            if (dayList.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ValidationError("maintenanceWindow.days", "must be an array of weekday names"));
            }
            else
            {
                var i = 0;
                foreach (var day in dayList.EnumerateArray())
                {
                    if (day.ValueKind == JsonValueKind.String && Enum.TryParse<DayOfWeek>(day.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(day.GetString()![0]))
                    {
                        days.Add(parsed);
                    }
                    else
                    {
                        errors.Add(new ValidationError($"maintenanceWindow.days[{i}]", "not a weekday name (Monday … Sunday)"));
                    }

                    i++;
                }
            }
        }

        return start is { } s && end is { } e ? new MaintenanceWindow(s, e, days) : null;
    }

    private static TimeOnly? ReadTime(JsonElement window, string name, List<ValidationError> errors)
    {
        var path = $"maintenanceWindow.{name}";
        if (!window.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || !TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(new ValidationError(path, "required, as HH:mm in UTC"));
            return null;
        }

        return time;
    }
}
