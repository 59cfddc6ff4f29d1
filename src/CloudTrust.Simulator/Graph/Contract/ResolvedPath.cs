namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>What a request URL's path addresses, segment by segment resolved against the metadata.</summary>
/// <param name="Type">The qualified (element) type addressed, or null when it is a primitive or unknown.</param>
/// <param name="IsCollection">Whether a collection of <paramref name="Type"/> is addressed.</param>
/// <param name="Operation">The bound action or function the path ends in, or null.</param>
public sealed record ResolvedPath(string? Type, bool IsCollection, CsdlOperation? Operation);
