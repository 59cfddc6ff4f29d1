using System.Text.Json;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Plan;

/// <summary>Reads a ring's <c>groupNames</c>: Entra group display names, resolved (or created) in preflight.</summary>
internal static class RingGroupNames
{
    /// <summary>The longest display name Entra accepts for a group.</summary>
    public const int MaxLength = 256;

    public static List<string> Read(JsonElement ring, string path, Dictionary<string, string> seen, List<ValidationError> errors)
    {
        var names = new List<string>();
        if (!ring.TryGetProperty("groupNames", out var element))
        {
            return names;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError($"{path}.groupNames", "must be an array"));
            return names;
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}.groupNames[{i++}]";
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name.Any(char.IsControl))
            {
                errors.Add(new ValidationError(itemPath, $"must be a group display name (1 to {MaxLength} characters, no control characters)"));
            }
            else if (seen.TryGetValue("name:" + name, out var first))
            {
                errors.Add(new ValidationError(itemPath, $"group already used at {first}"));
            }
            else
            {
                seen["name:" + name] = itemPath;
                names.Add(name);
            }
        }

        return names;
    }
}
