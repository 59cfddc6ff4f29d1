using System.Text.Json;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>
/// A request to start a rollout, from <c>POST /api/rollouts</c> or a <c>rollout-requests</c> queue message:
/// <c>{ "requestId": "…", "plan": { … }, "rollbackOnAbort": true }</c>. The instance id derives from the request id,
/// so a redelivered message or a repeated POST never starts a second rollout.
/// </summary>
/// <param name="RequestId">The caller's id for this request.</param>
/// <param name="Workflow">The rollout workflow's input.</param>
public sealed record RolloutStartRequest(string RequestId, RolloutRequest Workflow)
{
    /// <summary>
    /// The largest body accepted: 48 KiB. The plan becomes the orchestration's input, and Durable Functions' Azure Storage
    /// provider carries inputs in queue messages of at most 64 KB (larger payloads are moved to blobs and every replay
    /// fetches them again: learn.microsoft.com, "Performance and scale in Durable Functions", large messages); a plan of
    /// dozens of rings and groups is a few kilobytes, so the limit holds with room to spare for the queue trigger too.
    /// </summary>
    public const int MaxBytes = 48 * 1024;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Gets the rollout instance id for this request.</summary>
    public string InstanceId => InstanceIds.ForRequest(RequestId);

    /// <summary>Reads and validates a body; never throws on bad input.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="requestIdRequired">Whether the request id must be given (queue messages); a POST without one gets a new one.</param>
    /// <param name="newRequestId">Makes a request id when none is given.</param>
    /// <returns>The request, or the problem.</returns>
    public static (RolloutStartRequest? Request, ApiProblem? Problem) Read(ReadOnlySpan<byte> body, bool requestIdRequired, Func<string> newRequestId)
    {
        ArgumentNullException.ThrowIfNull(newRequestId);
        if (body.Length > MaxBytes)
        {
            return (null, ApiProblem.Invalid("the request", [new ValidationError("body", $"larger than {MaxBytes} bytes")]));
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, ApiProblem.Invalid("the request", [new ValidationError("body", "not valid UTF-8")]));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            return (null, ApiProblem.Invalid("the request", [new ValidationError("body", $"not readable JSON (malformed, or nested deeper than {MaxDepth} levels) at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")]));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblem.Invalid("the request", [new ValidationError("body", "must be a JSON object")]));
            }

            var errors = new List<ValidationError>();
            var hasRequestId = root.TryGetProperty("requestId", out _);
            var requestId = ReadRequestId(root, requestIdRequired, errors) ?? (hasRequestId || requestIdRequired ? string.Empty : newRequestId());
            var rollback = true;
            if (root.TryGetProperty("rollbackOnAbort", out var r))
            {
                if (r.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    rollback = r.GetBoolean();
                }
                else
                {
                    errors.Add(new ValidationError("rollbackOnAbort", "must be true or false"));
                }
            }

            string? planJson = null;
            if (!root.TryGetProperty("plan", out var plan) || plan.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError("plan", "required: the rollout plan object"));
            }
            else
            {
                planJson = plan.GetRawText();
                var read = RolloutPlanReader.Read(planJson);
                errors.AddRange(read.Errors.Select(e => e with { Path = e.Path.Length == 0 ? "plan" : "plan." + e.Path }));
            }

            return errors.Count > 0
                ? (null, ApiProblem.Invalid("the request", errors))
                : (new RolloutStartRequest(requestId, new RolloutRequest(planJson!, rollback)), null);
        }
    }

    /// <summary>
    /// Checks a repeated request id against the rollout it already started: the same plan and rollback choice are a
    /// harmless repeat (a redelivered message, a retried POST); anything else reuses the id for a different rollout.
    /// </summary>
    /// <param name="storedInputJson">The existing instance's serialized input (a <see cref="RolloutRequest"/>).</param>
    /// <returns>The errors; empty when this request repeats the one that started the instance.</returns>
    public IReadOnlyList<ValidationError> CheckRepeatOf(string? storedInputJson)
    {
        RolloutRequest? stored = null;
        try
        {
            stored = storedInputJson is null ? null : JsonSerializer.Deserialize<RolloutRequest>(storedInputJson, ApiJson.Options);
        }
        catch (JsonException)
        {
        }

        var same = stored?.PlanJson is { } plan
            && stored.RollbackOnAbort == Workflow.RollbackOnAbort
            && SamePlan(plan, Workflow.PlanJson);
        return same ? [] : [new ValidationError("requestId", $"'{RequestId}' already started rollout '{InstanceId}' with a different plan or rollback choice; use a new request id")];
    }

    private static bool SamePlan(string stored, string requested)
    {
        try
        {
            var options = new JsonDocumentOptions { MaxDepth = MaxDepth };
            return System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(stored, documentOptions: options), System.Text.Json.Nodes.JsonNode.Parse(requested, documentOptions: options));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ReadRequestId(JsonElement root, bool required, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("requestId", out var element))
        {
            if (required)
            {
                errors.Add(new ValidationError("requestId", "required"));
            }

            return null;
        }

        var value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (!InstanceIds.IsValidRequestId(value))
        {
            errors.Add(new ValidationError("requestId", InstanceIds.RequestIdRule));
            return null;
        }

        return value;
    }
}
