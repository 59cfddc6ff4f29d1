namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// Resolves a Graph URL path (after <c>/v1.0</c> or <c>/beta</c>) segment by segment as OData URL conventions 4.01
/// describe it: an entity set or singleton, then keys, navigation properties, structural properties, type casts
/// (<c>microsoft.graph.device</c>) and bound actions or functions (qualified or not, as Graph accepts both). Keys may
/// also come in parentheses (<c>groups('id')</c>), and a function's parameters in parentheses are checked by name.
/// </summary>
public static class GraphPathResolver
{

    /// <summary>Resolves <paramref name="segments"/>; an unknown segment is a violation with Graph's message.</summary>
    /// <param name="model">The version's metadata.</param>
    /// <param name="segments">The decoded path segments after the version.</param>
    /// <param name="violation">The first unknown segment, or null.</param>
    /// <returns>What the path addresses.</returns>
    public static ResolvedPath Resolve(CsdlModel model, IReadOnlyList<string> segments, out ContractViolation? violation)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(segments);
        violation = null;
        var (first, firstKey) = segments.Count == 0 ? (string.Empty, null) : Split(segments[0]);
        if (model.ContainerMember(first) is not { } root)
        {
            violation = Unknown(first);
            return new ResolvedPath(null, false, null);
        }

        string? type = TypeReference.Element(root);
        var collection = TypeReference.IsCollection(root);
        if (firstKey is not null)
        {
            if (!collection)
            {
                violation = Unknown(segments[0]);
                return new ResolvedPath(null, false, null);
            }

            collection = false;
        }

        for (var i = 1; i < segments.Count; i++)
        {
            var (segment, arguments) = Split(segments[i]);
            if (segment is "$count" or "$ref" or "$value")
            {
                return new ResolvedPath(type, collection, null);
            }

            if (type is null || TypeReference.IsPrimitive(type))
            {
                violation = Unknown(segment);
                return new ResolvedPath(null, false, null);
            }

            if (segment.Contains('.', StringComparison.Ordinal) && model.Find(segment) is { Kind: not CsdlTypeKind.Enum } cast)
            {
                if (!model.IsAssignableTo(cast.Name, type))
                {
                    violation = Unknown(segment);
                    return new ResolvedPath(null, false, null);
                }

                type = cast.Name;
                continue;
            }

            if (model.Operation(segment, type, collection) is { } operation)
            {
                if (i != segments.Count - 1)
                {
                    violation = Unknown(segments[i + 1]);
                    return new ResolvedPath(null, false, null);
                }

                if (arguments is not null && FunctionArgument(operation, arguments) is { } unknownArgument)
                {
                    violation = unknownArgument;
                    return new ResolvedPath(null, false, null);
                }

                var returned = operation.ReturnType;
                return new ResolvedPath(returned is null ? null : TypeReference.Element(returned), returned is not null && TypeReference.IsCollection(returned), operation);
            }

            if (collection)
            {
                collection = false;
                continue;
            }

            if (model.TryNavigation(type, segment, out var target))
            {
                if (target is null)
                {
                    violation = new ContractViolation(segment, "path", $"'{segment}' on type '{type}' leads outside the vendored metadata subset; add its type to tools/graph-metadata/seeds.json.");
                    return new ResolvedPath(null, false, null);
                }

                type = TypeReference.Element(target);
                collection = TypeReference.IsCollection(target);
                if (arguments is not null)
                {
                    if (!collection)
                    {
                        violation = Unknown(segments[i]);
                        return new ResolvedPath(null, false, null);
                    }

                    collection = false;
                }

                continue;
            }

            if (model.Property(type, segment) is { } property)
            {
                type = TypeReference.Element(property);
                collection = TypeReference.IsCollection(property);
                continue;
            }

            violation = Unknown(segment);
            return new ResolvedPath(null, false, null);
        }

        return new ResolvedPath(type, collection, null);
    }

    /// <summary>Splits <c>name(arguments)</c>; arguments are null when there are no parentheses.</summary>
    private static (string Name, string? Arguments) Split(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        return open > 0 && segment.EndsWith(')') ? (segment[..open], segment[(open + 1)..^1]) : (segment, null);
    }

    /// <summary>The first <c>name=value</c> argument of a function call that the function does not declare.</summary>
    private static ContractViolation? FunctionArgument(CsdlOperation operation, string arguments)
    {
        foreach (var argument in arguments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = argument.Split('=', 2)[0].Trim();
            if (argument.Contains('=', StringComparison.Ordinal) && !operation.Parameters.ContainsKey(name))
            {
                return new ContractViolation(name, "path", $"The parameter '{name}' is not a valid parameter for the operation '{operation.Name}'.");
            }
        }

        return null;
    }

    /// <summary>Graph's answer to a path segment the model lacks (OData's "Resource not found for the segment").</summary>
    private static ContractViolation Unknown(string segment)
        => new(segment, "path", $"Resource not found for the segment '{segment}'.");
}
