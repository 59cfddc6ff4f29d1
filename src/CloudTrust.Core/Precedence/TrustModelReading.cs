namespace CloudTrust.Core.Precedence;

/// <summary>A ring's trust model and what it was read from.</summary>
/// <param name="Model">The trust model.</param>
/// <param name="Basis">Why, in one sentence.</param>
public sealed record TrustModelReading(TrustModel Model, string Basis);
