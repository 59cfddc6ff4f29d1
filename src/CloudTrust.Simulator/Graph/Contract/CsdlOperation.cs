namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>A bound action or function of the vendored Graph metadata (OData CSDL XML 4.01, section 12).</summary>
/// <param name="Name">The unqualified name, for example <c>assign</c>.</param>
/// <param name="IsAction">True for an action (POST), false for a function (GET).</param>
/// <param name="BindingType">The binding parameter's type reference, for example <c>microsoft.graph.deviceHealthScript</c> or a collection of one.</param>
/// <param name="Parameters">The other parameters: name to type reference.</param>
/// <param name="ReturnType">The return type reference, or null.</param>
public sealed record CsdlOperation(
    string Name,
    bool IsAction,
    string BindingType,
    IReadOnlyDictionary<string, string> Parameters,
    string? ReturnType);
