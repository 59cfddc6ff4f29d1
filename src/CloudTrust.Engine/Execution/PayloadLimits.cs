using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Execution;

/// <summary>The size checks of <see cref="WorkflowEngineOptions.MaxCustomStatusBytes"/> and <see cref="WorkflowEngineOptions.MaxPayloadBytes"/>.</summary>
/// <param name="MaxCustomStatusBytes">The custom status limit, or null.</param>
/// <param name="MaxPayloadBytes">The input and output limit, or null.</param>
internal sealed record PayloadLimits(int? MaxCustomStatusBytes, int? MaxPayloadBytes)
{
    /// <summary>Gets limits that check nothing.</summary>
    public static PayloadLimits None { get; } = new(null, null);

    /// <summary>Gets the limits an engine's options ask for.</summary>
    public static PayloadLimits From(WorkflowEngineOptions options) => new(options.MaxCustomStatusBytes, options.MaxPayloadBytes);

    /// <summary>Throws when a custom status is over its limit.</summary>
    public void CheckStatus(string workflow, string? json) => Check(MaxCustomStatusBytes, $"the custom status of workflow '{workflow}'", json);

    /// <summary>Throws when an input or output is over its limit.</summary>
    public void CheckPayload(string what, string? json) => Check(MaxPayloadBytes, what, json);

    /// <summary>Gets the error for an input or output over its limit, or null.</summary>
    public PayloadTooLargeException? PayloadProblem(string what, string? json) => Problem(MaxPayloadBytes, what, json);

    private static void Check(int? limit, string what, string? json)
    {
        if (Problem(limit, what, json) is { } problem)
        {
            throw problem;
        }
    }

    private static PayloadTooLargeException? Problem(int? limit, string what, string? json)
    {
        var size = StatusBudget.Utf16Bytes(json);
        return limit is { } max && size > max
            ? new PayloadTooLargeException($"{what} is {size} bytes of UTF-16 JSON, over the {max}-byte limit")
            : null;
    }
}
