using System.Text.Json;
using CloudTrust.Core.GroupPolicy;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Reads the script's <c>ListHelloGroupPolicies</c> answer: <c>gpos</c> (id, display name, GPO status, the
/// PassportForWork values found per side, Apply Group Policy trustees) and <c>containers</c> (each container whose
/// <c>gPLink</c> names one of them, with the raw attribute and the computers under it). Links come from the raw
/// attribute here, so flags and ordering are decided in one tested place.
/// </summary>
internal static class HelloGroupPolicyOutput
{
    public static IReadOnlyList<HelloGroupPolicy> Read(JsonElement gpos, JsonElement? containers)
    {
        var linked = containers is { } c ? PowerShellOutputParser.Items(c).Select(Container).ToList() : [];
        return PowerShellOutputParser.Items(gpos)
            .Select(g => Policy(g, linked))
            .Where(g => g is not null)
            .Select(g => g!)
            .OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static HelloGroupPolicy? Policy(JsonElement gpo, IReadOnlyList<LinkedContainer> containers)
    {
        if (!Guid.TryParse(PowerShellOutputParser.Text(gpo, "Id"), out var id))
        {
            return null;
        }

        var computer = PassportForWorkValues.None;
        var user = PassportForWorkValues.None;
        if (gpo.TryGetProperty("Values", out var values))
        {
            foreach (var value in PowerShellOutputParser.Items(values))
            {
                if (PowerShellOutputParser.Text(value, "ValueName") is not { } name || PowerShellOutputParser.Long(value, "Value") is not { } number)
                {
                    continue;
                }

                if (string.Equals(PowerShellOutputParser.Text(value, "Side"), "User", StringComparison.OrdinalIgnoreCase))
                {
                    user = user.With(name, number);
                }
                else if (string.Equals(PowerShellOutputParser.Text(value, "Side"), "Computer", StringComparison.OrdinalIgnoreCase))
                {
                    computer = computer.With(name, number);
                }
            }
        }

        if (!computer.SetsAnything && !user.SetsAnything)
        {
            return null;
        }

        var status = PowerShellOutputParser.Text(gpo, "GpoStatus") ?? "AllSettingsEnabled";
        var links = containers
            .SelectMany(c => c.Links.Where(l => l.Id == id).Select(l => new GroupPolicyLink(c.DistinguishedName, l.Enabled, l.Enforced, c.Computers, c.Truncated)))
            .OrderBy(l => l.Target.Length)
            .ThenBy(l => l.Target, StringComparer.OrdinalIgnoreCase)
            .ToList();
        IReadOnlyList<string>? filtering = gpo.TryGetProperty("SecurityFiltering", out var trustees) && trustees.ValueKind != JsonValueKind.Null
            ? Strings(trustees)
            : null;
        return new HelloGroupPolicy(
            id,
            PowerShellOutputParser.Text(gpo, "DisplayName") ?? id.ToString(),
            status is not ("ComputerSettingsDisabled" or "AllSettingsDisabled"),
            status is not ("UserSettingsDisabled" or "AllSettingsDisabled"),
            computer,
            user,
            links,
            filtering);
    }

    private static LinkedContainer Container(JsonElement container)
    {
        var computers = container.TryGetProperty("Computers", out var names) ? Strings(names) : [];
        var truncated = PowerShellOutputParser.Bool(container, "ComputersTruncated") || computers.Count > GroupPolicyLink.MaxComputers;
        return new LinkedContainer(
            PowerShellOutputParser.Text(container, "DistinguishedName") ?? "?",
            GpLinkAttribute.Parse(PowerShellOutputParser.Text(container, "GpLink")),
            computers.Take(GroupPolicyLink.MaxComputers).ToList(),
            truncated);
    }

    private static List<string> Strings(JsonElement element)
        => element.ValueKind == JsonValueKind.String
            ? [element.GetString()!]
            : PowerShellOutputParser.Items(element).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();

    private sealed record LinkedContainer(string DistinguishedName, IReadOnlyList<(Guid Id, bool Enabled, bool Enforced)> Links, IReadOnlyList<string> Computers, bool Truncated);
}
