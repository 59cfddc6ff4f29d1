namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Which rings a device or a user belongs to, held compactly for fleets of 100,000: each distinct set of ring indexes
/// is stored once and named by a small number, so a member costs one <see cref="int"/> beside its key instead of a list
/// of its own (most members share one of a handful of sets).
/// </summary>
internal sealed class RingSets
{
    private readonly List<int[]> sets = [[]];
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal) { [string.Empty] = 0 };

    /// <summary>Gets the number of the empty set.</summary>
    public static int Empty => 0;

    /// <summary>The set <paramref name="set"/> with <paramref name="ring"/> added.</summary>
    /// <param name="set">A set's number.</param>
    /// <param name="ring">A ring index.</param>
    /// <returns>The number of the set with the ring.</returns>
    public int With(int set, int ring)
    {
        var rings = sets[set];
        if (rings.Contains(ring))
        {
            return set;
        }

        int[] grown = [.. rings.Append(ring).Order()];
        var key = string.Join(',', grown);
        if (!byKey.TryGetValue(key, out var number))
        {
            number = sets.Count;
            sets.Add(grown);
            byKey[key] = number;
        }

        return number;
    }

    /// <summary>The ring indexes of a set, in order.</summary>
    /// <param name="set">A set's number.</param>
    /// <returns>The rings.</returns>
    public IReadOnlyList<int> Rings(int set) => sets[set];
}
