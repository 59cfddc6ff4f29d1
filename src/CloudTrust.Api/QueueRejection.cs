namespace CloudTrust.Api;

/// <summary>
/// What goes to <c>rollout-requests-poison</c> for a message that can never start a rollout: an excerpt of the
/// message and its problem. Kept well under the 64 KiB a queue message may hold, so the write itself cannot fail.
/// </summary>
/// <param name="Message">The message, cut to <see cref="MaxMessageChars"/> characters.</param>
/// <param name="Truncated">Whether the message was cut.</param>
/// <param name="Problem">Why it was refused; at most <see cref="MaxErrors"/> errors.</param>
public sealed record QueueRejection(string Message, bool Truncated, ApiProblem Problem)
{
    /// <summary>The longest message excerpt kept.</summary>
    public const int MaxMessageChars = 8 * 1024;

    /// <summary>The most errors kept.</summary>
    public const int MaxErrors = 50;

    /// <summary>The poison queue of <c>rollout-requests</c> (the name the Functions host itself uses for poison messages).</summary>
    public const string PoisonQueue = "rollout-requests-poison";

    /// <summary>The queue rollout requests arrive on.</summary>
    public const string RequestQueue = "rollout-requests";

    /// <summary>
    /// The most UTF-8 bytes a record takes. host.json declares <c>"messageEncoding": "base64"</c>, so the queue
    /// extension writes the record base64-encoded (4 characters per 3 bytes) and the queue service holds 64 KiB of
    /// message text: 48 KiB of record is the most that fits.
    /// </summary>
    public const int MaxRecordBytes = 48 * 1024;

    /// <summary>Builds the rejection and serializes it, within <see cref="MaxRecordBytes"/> however hostile the message.</summary>
    /// <param name="message">The message as received.</param>
    /// <param name="problem">Its problem.</param>
    /// <returns>The JSON text to write to the poison queue.</returns>
    public static string ToJson(string message, ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(problem);

        // JSON escapes control, HTML-sensitive and non-ASCII characters to six bytes each: when the bounds in characters
        // still give too many bytes, halve them until the record fits (one error with no excerpt always does).
        var (excerptChars, errorCount, detailChars) = (MaxMessageChars, MaxErrors, 16 * 1024);
        while (true)
        {
            var json = Serialize(message, problem, excerptChars, errorCount, detailChars);
            if (System.Text.Encoding.UTF8.GetByteCount(json) <= MaxRecordBytes || (excerptChars == 0 && errorCount == 1 && detailChars == 0))
            {
                return json;
            }

            (excerptChars, errorCount, detailChars) = (excerptChars / 2, Math.Max(1, errorCount / 2), detailChars / 2);
        }
    }

    private static string Serialize(string message, ApiProblem problem, int excerptChars, int errorCount, int detailChars)
    {
        var truncated = message.Length > excerptChars;
        var excerpt = truncated ? message[..excerptChars] : message;
        var errors = problem.Errors.Take(errorCount).Select(e => e with { Message = Cut(e.Message, 512), Path = Cut(e.Path, 256) }).ToList();
        var kept = ApiProblem.Invalid("the queue message", errors);
        if (problem.Errors.Count > errorCount)
        {
            kept = kept with { Detail = Cut(kept.Detail, detailChars) + $" (and {problem.Errors.Count - errorCount} more)" };
        }

        return ApiJson.Serialize(new QueueRejection(excerpt, truncated, kept with { Detail = Cut(kept.Detail, detailChars + 64) }));
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] + "…" : text;
}
