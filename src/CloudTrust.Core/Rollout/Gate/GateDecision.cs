namespace CloudTrust.Core.Rollout.Gate;

/// <summary>The gate's verdict with the reasons behind it.</summary>
/// <param name="Verdict">Pass, fail or wait.</param>
/// <param name="Reasons">Why, in words an admin reads.</param>
public sealed record GateDecision(GateVerdict Verdict, IReadOnlyList<string> Reasons);
