using System.Text.Json.Serialization;

namespace CloudTrust.Core.Workflows;

/// <summary>The first items of a list and how many the whole list had: what a status or report carries of a list that may grow without bound.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items kept, in the list's order.</param>
/// <param name="Total">How many items the whole list had.</param>
public sealed record BoundedList<T>(IReadOnlyList<T> Items, int Total)
{
    /// <summary>Gets how many items were left out.</summary>
    [JsonIgnore]
    public int Omitted => Math.Max(0, Total - Items.Count);
}

/// <summary>Builds <see cref="BoundedList{T}"/> values.</summary>
public static class BoundedList
{
    /// <summary>Keeps the first <paramref name="sampleSize"/> items and counts them all.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The whole list.</param>
    /// <param name="sampleSize">How many to keep (0 or more).</param>
    /// <returns>The bounded list.</returns>
    public static BoundedList<T> Of<T>(IEnumerable<T> items, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        var kept = new List<T>(Math.Min(sampleSize, 64));
        var total = 0;
        foreach (var item in items)
        {
            if (total < sampleSize)
            {
                kept.Add(item);
            }

            total++;
        }

        return new BoundedList<T>(kept, total);
    }

    /// <summary>Keeps the first <paramref name="sampleSize"/> texts, each cut to <paramref name="maxLength"/> characters, and counts them all.</summary>
    /// <param name="items">The whole list.</param>
    /// <param name="sampleSize">How many to keep (0 or more).</param>
    /// <param name="maxLength">The most characters a kept text keeps.</param>
    /// <returns>The bounded list.</returns>
    public static BoundedList<string> Of(IEnumerable<string> items, int sampleSize = StatusBudget.SampleSize, int maxLength = StatusBudget.MaxItemLength)
    {
        var bounded = Of<string>(items, sampleSize);
        return bounded with { Items = [.. bounded.Items.Select(i => StatusBudget.Truncate(i ?? string.Empty, maxLength))] };
    }
}
