using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Core.Workflows;

/// <summary>
/// The size limits the Durable Task service enforces and the local engine does not, and the guard that keeps a
/// workflow's custom status inside them. Durable Functions limits an orchestration's custom status to 16 KB of
/// UTF-16 JSON text (Microsoft Learn, "Custom orchestration status",
/// https://learn.microsoft.com/azure/durable-task/common/durable-task-custom-orchestration-status, and the remarks of
/// IDurableOrchestrationContext.SetCustomStatus: the serialized JSON value must not exceed 16 KB of UTF-16 encoded text).
/// Inputs and outputs travel in Azure Storage queue messages of at most 64 KB
/// (https://learn.microsoft.com/azure/storage/queues/storage-queues-introduction); Durable's Azure Storage provider moves
/// bigger ones to blobs (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-serialization-and-persistence),
/// but our own queue path and the HTTP status view must not rely on that, so workflow inputs and outputs keep to
/// <see cref="MaxPayloadBytes"/>.
/// Sizes are measured as Durable measures them: the serialized JSON's length in UTF-16 code units, two bytes each.
/// </summary>
public static class StatusBudget
{
    /// <summary>Durable's limit on a custom status: 16 KB of UTF-16 JSON.</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    /// <summary>Our budget for a workflow's input or output (and, where cheap, an activity's): 60 KB of UTF-16 JSON, under the 64 KB queue message.</summary>
    public const int MaxPayloadBytes = 60 * 1024;

    /// <summary>How many items a status names of a longer list.</summary>
    public const int SampleSize = 20;

    /// <summary>How many characters an item of a status keeps at most.</summary>
    public const int MaxItemLength = 500;

    /// <summary>Gets the JSON settings sizes are measured with: web-style (camelCase) with enums as strings, as the engine and the Functions host serialize.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>Gets the size Durable counts for a JSON text: two bytes per UTF-16 code unit.</summary>
    /// <param name="json">The serialized JSON.</param>
    /// <returns>The size in bytes.</returns>
    public static int Utf16Bytes(string? json) => (json?.Length ?? 0) * sizeof(char);

    /// <summary>Serializes a value as the hosts do and gets its UTF-16 size.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The size in bytes.</returns>
    public static int Measure(object? value) => Utf16Bytes(JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), JsonOptions));

    /// <summary>
    /// Returns <paramref name="status"/> when it fits <see cref="MaxCustomStatusBytes"/>; otherwise applies the
    /// reductions in order (each on the previous result) and returns the first result that fits.
    /// </summary>
    /// <typeparam name="T">The status type.</typeparam>
    /// <param name="status">The status.</param>
    /// <param name="reductions">Ever smaller forms of the status; the last must always fit.</param>
    /// <returns>A status that fits.</returns>
    /// <exception cref="InvalidOperationException">Even the last reduction does not fit (a bug in the caller's reductions).</exception>
    public static T Fit<T>(T status, params IEnumerable<Func<T, T>> reductions)
    {
        var (fitted, size) = Reduce(status, MaxCustomStatusBytes, reductions);
        return size <= MaxCustomStatusBytes
            ? fitted
            : throw new InvalidOperationException($"a {typeof(T).Name} status is {size} bytes after every reduction, over the {MaxCustomStatusBytes}-byte limit");
    }

    /// <summary>
    /// Returns <paramref name="value"/> when it fits <paramref name="maxBytes"/>; otherwise applies the reductions in
    /// order until one fits, or returns the last (smallest) form when none does.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value, for example a workflow's output.</param>
    /// <param name="maxBytes">The budget, in bytes of UTF-16 JSON.</param>
    /// <param name="reductions">Ever smaller forms of the value.</param>
    /// <returns>The value or its reduced form.</returns>
    public static T FitWithin<T>(T value, int maxBytes, params IEnumerable<Func<T, T>> reductions) => Reduce(value, maxBytes, reductions).Value;

    private static (T Value, int Size) Reduce<T>(T value, int maxBytes, IEnumerable<Func<T, T>> reductions)
    {
        ArgumentNullException.ThrowIfNull(reductions);
        var size = Measure(value);
        foreach (var reduce in reductions)
        {
            if (size <= maxBytes)
            {
                break;
            }

            value = reduce(value);
            size = Measure(value);
        }

        return (value, size);
    }

    /// <summary>Cuts a text to at most <paramref name="maxLength"/> characters, ending a cut text with "…" and never splitting a surrogate pair.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The most characters to keep (at least 1).</param>
    /// <returns>The text, or its cut form.</returns>
    public static string Truncate(string text, int maxLength = MaxItemLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = maxLength - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }

    /// <summary>Gets the words that tell a reader how many items a list left out, for example <c>and 980 more</c>.</summary>
    /// <param name="omitted">How many were left out.</param>
    /// <returns>The words, or an empty text when none were.</returns>
    public static string AndMore(int omitted) => omitted > 0 ? $"and {omitted} more" : string.Empty;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
