namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>One thing a Graph request names that the vendored metadata lacks.</summary>
/// <param name="Name">The offending name as sent (a segment, property, parameter, type or enum value).</param>
/// <param name="Where">Where it was: for example <c>path</c>, <c>$select</c>, <c>$filter</c>, <c>body</c>.</param>
/// <param name="Message">Graph's error message for it.</param>
public sealed record ContractViolation(string Name, string Where, string Message);
