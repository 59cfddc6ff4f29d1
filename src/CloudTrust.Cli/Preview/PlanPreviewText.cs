using System.Globalization;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Preview;

namespace CloudTrust.Cli.Preview;

/// <summary>
/// <c>cloudtrust plan</c>'s plain-text output: one block per section of a <see cref="PlanPreview"/>, then the
/// blockers and a one-line verdict. No colours; sections a preview lacks are left out.
/// </summary>
public static class PlanPreviewText
{
    /// <summary>Renders a preview as lines of text.</summary>
    /// <param name="preview">The preview.</param>
    /// <returns>The lines, without line breaks.</returns>
    public static IReadOnlyList<string> Render(PlanPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var lines = new List<string>();
        if (!preview.IsValid)
        {
            lines.Add("The plan is invalid; nothing was read:");
            lines.AddRange(preview.PlanErrors.Select(e => "  " + e));
            return lines;
        }

        if (preview.Profile is { } profile)
        {
            Profile(lines, profile);
        }

        if (preview.Assignments is { } assignments)
        {
            Assignments(lines, assignments);
        }

        if (preview.Kerberos is { } kerberos)
        {
            Kerberos(lines, kerberos, preview.CloudSignIn);
        }

        if (preview.Conflicts is { } conflicts)
        {
            Conflicts(lines, conflicts);
        }

        if (preview.Readiness is { } readiness)
        {
            Readiness(lines, readiness);
        }

        if (preview.OnPremises is { } onPremises)
        {
            OnPremisesText.Render(lines, onPremises, preview.ReadinessPolicy);
        }

        if (preview.GroupsToCreate.Count > 0)
        {
            lines.Add("Ring groups that do not exist and would be created (createMissingGroups): " + string.Join(", ", preview.GroupsToCreate.Select(n => $"'{n}'")));
            lines.Add(string.Empty);
        }

        foreach (var analysis in preview.Analyses ?? [])
        {
            lines.AddRange(RingAnalysisText.Render(analysis));
            lines.Add(string.Empty);
        }

        if (preview.Warnings.Count > 0)
        {
            lines.Add(Invariant($"Warnings ({preview.Warnings.Count}):"));
            lines.AddRange(preview.Warnings.Select(w => "  " + w));
        }

        if (preview.Blockers.Count > 0)
        {
            lines.Add(Invariant($"The rollout would stop at its preflight ({preview.Blockers.Count} blocker(s)):"));
            lines.AddRange(preview.Blockers.Select(b => "  " + b));
        }
        else
        {
            lines.Add("The rollout would go ahead. Nothing was changed.");
        }

        return lines;
    }

    private static void Profile(List<string> lines, ProfilePreview profile)
    {
        var what = profile.Change switch
        {
            ProfileChange.Create => "would be created",
            ProfileChange.Update => Invariant($"would be updated ({profile.Settings.Count} setting(s) drifted)"),
            _ => "already matches the plan",
        };
        var id = profile.PolicyId is null ? string.Empty : $" [{profile.PolicyId}]";
        lines.Add($"Profile '{profile.Name}' ({profile.Mode}){id}: {what}");
        lines.AddRange(profile.Settings.Select(s => $"  {s.SettingId}: {Value(s, s.Existing)} -> {Value(s, s.Planned)}"));
        lines.Add(string.Empty);
    }

    private static void Assignments(List<string> lines, AssignmentPreview assignments)
    {
        lines.Add("Assignments:");
        foreach (var ring in assignments.Rings)
        {
            lines.Add(Invariant($"  ring {ring.Ring}: {ring.GroupsToAdd.Count} group(s) to add, {ring.AlreadyAssigned.Count} already assigned"));
            lines.AddRange(ring.GroupsToAdd.Select(g => $"    + {g}"));
            lines.AddRange(ring.AlreadyAssigned.Select(g => $"    = {g}"));
        }

        lines.AddRange(assignments.HandAddedGroups.Select(g => $"  kept, not in the plan: {g}"));
        lines.AddRange(assignments.OtherTargets.Select(t => $"  kept, not in the plan: {t}"));
        lines.Add(string.Empty);
    }

    private static void Kerberos(List<string> lines, KerberosPreview kerberos, IReadOnlyDictionary<string, string>? signIn)
    {
        lines.Add("Kerberos server objects:");
        foreach (var domain in kerberos.Domains)
        {
            var state = domain.State switch
            {
                KerberosServerState.Healthy => "healthy",
                KerberosServerState.Missing => "missing, would be created",
                KerberosServerState.Unhealthy => "UNHEALTHY",
                KerberosServerState.CloudNotRead => "on premises healthy, cloud half not read",
                _ => "could not be read",
            };
            var mode = signIn is not null && signIn.TryGetValue(domain.Domain, out var m) ? $"; cloud sign-in {m}" : string.Empty;
            lines.Add($"  {domain.Domain}: {state} ({domain.Detail}){mode}");
        }

        lines.Add(string.Empty);
    }

    private static void Conflicts(List<string> lines, ConflictPreview conflicts)
    {
        lines.Add(Invariant($"Conflicting policies: {conflicts.Policies.Count} of {conflicts.PoliciesExamined} examined"));
        foreach (var policy in conflicts.Policies)
        {
            lines.Add($"  '{policy.PolicyName}' [{policy.PolicyId}] on {string.Join(", ", policy.GroupIds)}: {string.Join("; ", policy.Reasons)}");
        }

        lines.Add(string.Empty);
    }

    private static void Readiness(List<string> lines, ReadinessPreview readiness)
    {
        lines.Add(Invariant($"Readiness (a device is stale after {readiness.StaleAfter.TotalDays:0.#} day(s) without a check-in):"));
        foreach (var ring in readiness.Rings)
        {
            lines.Add(Invariant($"  ring {ring.Ring}: {ring.DevicesNotReady} of {ring.Devices} device(s) not ready; {ring.UsersNotReady} of {ring.Users} user(s) not ready; {ring.UsersWithWhfb} user(s) already use WHfB"));
            lines.AddRange(ring.DeviceReasons.Select(r => Invariant($"    devices {r.Reason}: {r.Count} (e.g. {r.Example})")));
            lines.AddRange(ring.UserReasons.Select(r => Invariant($"    users {r.Reason}: {r.Count} (e.g. {r.Example})")));
        }

        lines.Add(string.Empty);
    }

    /// <summary>A choice option id is shown without its setting id (<c>…_requiresecuritydevice_true</c> as <c>true</c>).</summary>
    /// <summary>A PIN character rule's option is shown by its meaning (<c>…_digits_1</c> as <c>required</c>).</summary>
    private static string Value(SettingDifference setting, string? value)
    {
        if (value is null)
        {
            return "(absent)";
        }

        var option = value.StartsWith(setting.SettingId + "_", StringComparison.OrdinalIgnoreCase) ? value[(setting.SettingId.Length + 1)..] : value;
        var rule = HelloOptionValues.IsCharacterRule(setting.SettingId) && int.TryParse(option, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined((PinCharacterRule)number)
            ? ((PinCharacterRule)number).ToString().ToLowerInvariant()
            : null;
        return rule ?? option;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
