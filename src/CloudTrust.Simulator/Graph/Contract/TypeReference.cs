namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>Reads CSDL type references: <c>Collection(T)</c>, qualified names and the <c>Edm.</c> primitives.</summary>
public static class TypeReference
{
    /// <summary>Gets whether <paramref name="reference"/> is <c>Collection(…)</c>.</summary>
    /// <param name="reference">A type reference.</param>
    /// <returns>True for a collection.</returns>
    public static bool IsCollection(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.StartsWith("Collection(", StringComparison.Ordinal) && reference.EndsWith(')');
    }

    /// <summary>Gets the element type of a collection reference, or the reference itself.</summary>
    /// <param name="reference">A type reference.</param>
    /// <returns>The element type's qualified name.</returns>
    public static string Element(string reference)
        => IsCollection(reference) ? reference["Collection(".Length..^1] : reference;

    /// <summary>Gets whether the (element) type is an <c>Edm.</c> primitive or untyped.</summary>
    /// <param name="reference">A type reference.</param>
    /// <returns>True for <c>Edm.*</c>.</returns>
    public static bool IsPrimitive(string reference) => Element(reference).StartsWith("Edm.", StringComparison.Ordinal);
}
