namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>What a CSDL type element is (OData CSDL XML 4.01, sections 8 to 10).</summary>
public enum CsdlTypeKind
{
    /// <summary>An <c>EntityType</c>: addressable, keyed.</summary>
    Entity,

    /// <summary>A <c>ComplexType</c>: a structured value without identity.</summary>
    Complex,

    /// <summary>An <c>EnumType</c>: named members, optionally flags.</summary>
    Enum,
}

/// <summary>One structured or enum type of the vendored Graph metadata, with only its own (declared) members.</summary>
/// <param name="Name">The qualified name, for example <c>microsoft.graph.managedDevice</c>.</param>
/// <param name="Kind">Entity, complex or enum.</param>
/// <param name="BaseType">The qualified base type, or null.</param>
/// <param name="Properties">Declared structural properties: name to type reference (for example <c>Collection(Edm.String)</c>).</param>
/// <param name="Navigation">Declared navigation properties: name to type reference, or null when the target is outside the vendored subset.</param>
/// <param name="Members">Enum members (empty for structured types).</param>
/// <param name="IsFlags">Whether an enum takes a comma-separated list of members.</param>
public sealed record CsdlType(
    string Name,
    CsdlTypeKind Kind,
    string? BaseType,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string?> Navigation,
    IReadOnlySet<string> Members,
    bool IsFlags);
