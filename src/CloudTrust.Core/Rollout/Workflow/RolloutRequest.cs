namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>Input of the rollout workflow.</summary>
/// <param name="PlanJson">The plan document; validated by the workflow's preflight.</param>
/// <param name="RollbackOnAbort">Whether an <c>abort</c> removes the assignments this run added.</param>
public sealed record RolloutRequest(string PlanJson, bool RollbackOnAbort = true);
