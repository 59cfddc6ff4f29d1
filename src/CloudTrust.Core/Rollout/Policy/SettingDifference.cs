namespace CloudTrust.Core.Rollout.Policy;

/// <summary>
/// One setting whose value on the existing profile differs from the plan's: what is there now and what the plan
/// puts there. The rollout's drift lines and the preview's per-setting diff are both made of these.
/// </summary>
/// <param name="SettingId">The setting definition id (settings catalog) or OMA-URI (custom profile).</param>
/// <param name="Existing">The value found on the profile; null when the profile lacks the setting.</param>
/// <param name="Planned">The value the plan sets; null when the plan does not carry the setting (it is removed).</param>
public sealed record SettingDifference(string SettingId, string? Existing, string? Planned)
{
    /// <summary>Compares planned values with existing ones: first every planned setting that differs (in id order), then every existing setting the plan does not carry.</summary>
    /// <param name="planned">Setting id → value the plan sets.</param>
    /// <param name="existing">Setting id → value found.</param>
    /// <returns>The differences; empty when equal (values compared without regard to case).</returns>
    public static IReadOnlyList<SettingDifference> Between(IReadOnlyDictionary<string, string> planned, IReadOnlyDictionary<string, string> existing)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(existing);
        var differences = new List<SettingDifference>();
        foreach (var (id, value) in planned.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var found = Find(existing, id);
            if (!string.Equals(value, found, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add(new SettingDifference(id, found, value));
            }
        }

        foreach (var id in existing.Keys.Where(k => Find(planned, k) is null).Order(StringComparer.Ordinal))
        {
            differences.Add(new SettingDifference(id, existing[id], null));
        }

        return differences;
    }

    /// <summary>The drift line the rollout reports, for example <c>…_requiresecuritydevice: expected …_true, found …_false</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
        => Planned is null ? $"{SettingId}: not expected, found {Existing}" : $"{SettingId}: expected {Planned}, found {Existing ?? "(absent)"}";

    private static string? Find(IReadOnlyDictionary<string, string> values, string id)
        => values.TryGetValue(id, out var value) ? value : values.FirstOrDefault(v => string.Equals(v.Key, id, StringComparison.OrdinalIgnoreCase)).Value;
}
