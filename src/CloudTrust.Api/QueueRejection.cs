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

    /// <summary>Builds the rejection and serializes it.</summary>
    /// <param name="message">The message as received.</param>
    /// <param name="problem">Its problem.</param>
    /// <returns>The JSON text to write to the poison queue.</returns>
    public static string ToJson(string message, ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(problem);
        var truncated = message.Length > MaxMessageChars;
        var excerpt = truncated ? message[..MaxMessageChars] : message;
        var errors = problem.Errors.Take(MaxErrors).Select(e => e with { Message = Cut(e.Message, 512), Path = Cut(e.Path, 256) }).ToList();
        var kept = ApiProblem.Invalid("the queue message", errors);
        if (problem.Errors.Count > MaxErrors)
        {
            kept = kept with { Detail = Cut(kept.Detail, 16 * 1024) + $" (and {problem.Errors.Count - MaxErrors} more)" };
        }

        return ApiJson.Serialize(new QueueRejection(excerpt, truncated, kept with { Detail = Cut(kept.Detail, 16 * 1024) }));
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] + "…" : text;
}
