using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// Checks a request body against the metadata as OData JSON format 4.01 reads it: every property exists on the
/// value's type (its <c>@odata.type</c> when given, which must be the declared type or derive from it), navigation
/// properties are deep inserts of their target type, enum values are members (comma-separated for flags), and an
/// action's body holds only its parameters. Messages are OData's (ODataLib) as Graph returns them.
/// </summary>
public static class PayloadNames
{
    /// <summary>Checks an action's parameters.</summary>
    /// <param name="model">The metadata.</param>
    /// <param name="operation">The action.</param>
    /// <param name="body">The parsed body.</param>
    /// <returns>Violations, if any.</returns>
    public static IEnumerable<ContractViolation> Parameters(CsdlModel model, CsdlOperation operation, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(body);
        foreach (var (name, value) in body)
        {
            if (name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            if (!operation.Parameters.TryGetValue(name, out var type))
            {
                yield return new ContractViolation(name, "body", $"The parameter '{name}' in the request payload is not a valid parameter for the operation '{operation.Name}'.");
                continue;
            }

            foreach (var violation in Value(model, type, value))
            {
                yield return violation;
            }
        }
    }

    /// <summary>Checks a value against a declared type reference.</summary>
    /// <param name="model">The metadata.</param>
    /// <param name="declared">The declared type reference (collections, complex, entity, enum or primitive).</param>
    /// <param name="value">The JSON value.</param>
    /// <returns>Violations, if any.</returns>
    public static IEnumerable<ContractViolation> Value(CsdlModel model, string declared, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(declared);
        if (value is null || TypeReference.IsPrimitive(declared))
        {
            yield break;
        }

        if (TypeReference.IsCollection(declared))
        {
            if (value is JsonArray items)
            {
                foreach (var violation in items.SelectMany(item => Value(model, TypeReference.Element(declared), item)))
                {
                    yield return violation;
                }
            }

            yield break;
        }

        if (model.Find(declared) is not { } type)
        {
            yield break;
        }

        if (type.Kind == CsdlTypeKind.Enum)
        {
            var text = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            var members = type.IsFlags ? text.Split(',', StringSplitOptions.TrimEntries) : [text];
            foreach (var member in members.Where(m => !type.Members.Contains(m)))
            {
                yield return new ContractViolation(member, "body", $"The value '{member}' is not a member of the enum type '{type.Name}'.");
            }

            yield break;
        }

        if (value is not JsonObject item)
        {
            yield break;
        }

        foreach (var violation in Structured(model, type.Name, item))
        {
            yield return violation;
        }
    }

    private static IEnumerable<ContractViolation> Structured(CsdlModel model, string declared, JsonObject item)
    {
        var actual = declared;
        if (item["@odata.type"]?.GetValue<string>() is { } named)
        {
            var name = named.TrimStart('#');
            if (model.Find(name) is null)
            {
                yield return new ContractViolation(named, "@odata.type", $"A type named '{name}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.");
                yield break;
            }

            if (!model.IsAssignableTo(name, declared))
            {
                yield return new ContractViolation(named, "@odata.type", $"An entry with type '{name}' was found, but it is not assignable to the expected type '{declared}'. The type specified in the entry must be equal to either the expected type or a derived type.");
                yield break;
            }

            actual = name;
        }

        foreach (var (property, value) in item)
        {
            if (property.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            IEnumerable<ContractViolation> inner;
            if (model.Property(actual, property) is { } propertyType)
            {
                inner = Value(model, propertyType, value);
            }
            else if (model.TryNavigation(actual, property, out var target))
            {
                inner = target is null ? [] : Value(model, target, value);
            }
            else
            {
                inner = [new ContractViolation(property, "body", $"The property '{property}' does not exist on type '{actual}'. Make sure to only use property names that are defined by the type or mark the type as open type.")];
            }

            foreach (var violation in inner)
            {
                yield return violation;
            }
        }
    }
}
