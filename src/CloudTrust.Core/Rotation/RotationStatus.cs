using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rotation;

/// <summary>
/// The key rotation's custom status: each domain's phase (cut to <see cref="StatusBudget.MaxItemLength"/> characters,
/// a failure's message included) and how many domains the run has. Built with <see cref="Create"/>, which keeps it
/// within Durable's 16 KB: with very many domains only the first ones are shown (the report has them all).
/// </summary>
/// <param name="Phases">The phase of each domain shown, by domain name.</param>
/// <param name="Domains">How many domains the run has.</param>
public sealed record RotationStatus(IReadOnlyDictionary<string, string> Phases, int Domains)
{
    /// <summary>Builds the status from every domain's phase.</summary>
    /// <param name="phases">Each domain's phase, in the run's order.</param>
    /// <returns>The status, within <see cref="StatusBudget.MaxCustomStatusBytes"/>.</returns>
    public static RotationStatus Create(IEnumerable<KeyValuePair<string, string>> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var all = phases.ToList();
        return StatusBudget.Fit(
            Of(all, all.Count, StatusBudget.MaxItemLength),
            _ => Of(all, StatusBudget.SampleSize, StatusBudget.MaxItemLength),
            _ => Of(all, StatusBudget.SampleSize, 60),
            _ => Of(all, 0, 1));
    }

    private static RotationStatus Of(List<KeyValuePair<string, string>> all, int shown, int maxLength)
    {
        var phases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (domain, phase) in all.Take(shown))
        {
            phases.TryAdd(StatusBudget.Truncate(domain, 255), StatusBudget.Truncate(phase, maxLength));
        }

        return new RotationStatus(phases, all.Count);
    }
}
