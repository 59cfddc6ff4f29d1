using System.Collections.Frozen;
using System.Xml.Linq;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// One version (v1.0 or beta) of the vendored Graph metadata (<c>Graph/Metadata/*.csdl.xml</c>, cut from
/// microsoftgraph/msgraph-metadata by <c>tools/graph-metadata/subset.py</c>), read as OData CSDL XML 4.01 describes it:
/// types with their base types, structural and navigation properties, enum members, bound operations and the
/// entity container. Written from the CSDL specification; it shares nothing with the product's Graph code.
/// </summary>
public sealed class CsdlModel
{
    private const string Namespace = "microsoft.graph";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";
    private static readonly Lazy<CsdlModel> V1 = new(() => Load("v1.0"));
    private static readonly Lazy<CsdlModel> BetaModel = new(() => Load("beta"));

    private readonly FrozenDictionary<string, CsdlType> types;
    private readonly FrozenDictionary<string, string> container;
    private readonly IReadOnlyList<CsdlOperation> operations;
    private readonly string? alias;

    private CsdlModel(string version, Dictionary<string, CsdlType> types, Dictionary<string, string> container, List<CsdlOperation> operations, string? alias)
    {
        Version = version;
        this.alias = alias;
        this.types = types.ToFrozenDictionary(StringComparer.Ordinal);
        this.container = container.ToFrozenDictionary(StringComparer.Ordinal);
        this.operations = operations;
    }

    /// <summary>Gets the version: <c>v1.0</c> or <c>beta</c>.</summary>
    public string Version { get; }

    /// <summary>Gets every type of the subset.</summary>
    public IEnumerable<CsdlType> Types => types.Values;

    /// <summary>Gets the model of a version.</summary>
    /// <param name="version"><c>v1.0</c> or <c>beta</c>.</param>
    /// <returns>The model, loaded once per process.</returns>
    public static CsdlModel For(string version) => version switch
    {
        "v1.0" => V1.Value,
        "beta" => BetaModel.Value,
        _ => throw new ArgumentException($"no vendored Graph metadata for version '{version}'", nameof(version)),
    };

    /// <summary>Reads a CSDL document.</summary>
    /// <param name="version">The version it describes.</param>
    /// <param name="document">The CSDL XML.</param>
    /// <returns>The model.</returns>
    public static CsdlModel Parse(string version, XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var schema = document.Descendants(Edm + "Schema").First(s => (string?)s.Attribute("Namespace") == Namespace);
        var types = new Dictionary<string, CsdlType>(StringComparer.Ordinal);
        foreach (var element in schema.Elements())
        {
            var kind = element.Name.LocalName switch
            {
                "EntityType" => CsdlTypeKind.Entity,
                "ComplexType" => CsdlTypeKind.Complex,
                "EnumType" => CsdlTypeKind.Enum,
                _ => (CsdlTypeKind?)null,
            };
            if (kind is null)
            {
                continue;
            }

            var name = $"{Namespace}.{(string)element.Attribute("Name")!}";
            types[name] = new CsdlType(
                name,
                kind.Value,
                Qualify((string?)element.Attribute("BaseType")),
                element.Elements(Edm + "Property").ToDictionary(p => (string)p.Attribute("Name")!, p => Qualify((string)p.Attribute("Type")!)!, StringComparer.Ordinal),
                element.Elements(Edm + "NavigationProperty").ToDictionary(p => (string)p.Attribute("Name")!, p => Qualify((string?)p.Attribute("Type")), StringComparer.Ordinal),
                element.Elements(Edm + "Member").Select(m => (string)m.Attribute("Name")!).ToHashSet(StringComparer.Ordinal),
                (string?)element.Attribute("IsFlags") == "true");
        }

        var operations = schema.Elements()
            .Where(e => e.Name.LocalName is "Action" or "Function" && (string?)e.Attribute("IsBound") == "true")
            .Select(e =>
            {
                var parameters = e.Elements(Edm + "Parameter").ToList();
                return new CsdlOperation(
                    (string)e.Attribute("Name")!,
                    e.Name.LocalName == "Action",
                    Qualify((string)parameters[0].Attribute("Type")!)!,
                    parameters.Skip(1).ToDictionary(p => (string)p.Attribute("Name")!, p => Qualify((string)p.Attribute("Type")!)!, StringComparer.Ordinal),
                    Qualify((string?)e.Element(Edm + "ReturnType")?.Attribute("Type")));
            })
            .ToList();
        var container = schema.Elements(Edm + "EntityContainer").Elements()
            .ToDictionary(
                e => (string)e.Attribute("Name")!,
                e => e.Name.LocalName == "EntitySet" ? $"Collection({Qualify((string)e.Attribute("EntityType")!)})" : Qualify((string)e.Attribute("Type")!)!,
                StringComparer.Ordinal);
        return new CsdlModel(version, types, container, operations, (string?)schema.Attribute("Alias"));
    }

    /// <summary>Finds a type by qualified name.</summary>
    /// <param name="name">For example <c>microsoft.graph.device</c>, or with the schema's alias, <c>graph.device</c>.</param>
    /// <returns>The type, or null when the subset lacks it.</returns>
    public CsdlType? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // The schema's alias stands for its namespace (CSDL 4.01 §5.2; Graph's is Alias="graph"), and Microsoft's
        // .NET SDK writes casts in that form (graph.device).
        return types.GetValueOrDefault(alias is not null && name.StartsWith(alias + ".", StringComparison.Ordinal) ? Namespace + name[alias.Length..] : name);
    }

    /// <summary>Finds an entity set or singleton.</summary>
    /// <param name="name">Its name, for example <c>deviceManagement</c>.</param>
    /// <returns>Its type reference (a collection for an entity set), or null.</returns>
    public string? ContainerMember(string name) => container.GetValueOrDefault(name);

    /// <summary>Finds a structural property on a type or one of its base types.</summary>
    /// <param name="type">The qualified type name.</param>
    /// <param name="property">The property name (case-sensitive, as Graph is).</param>
    /// <returns>Its type reference, or null.</returns>
    public string? Property(string type, string property)
    {
        for (var t = Find(type); t is not null; t = t.BaseType is null ? null : Find(t.BaseType))
        {
            if (t.Properties.TryGetValue(property, out var found))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Finds a navigation property on a type or one of its base types.</summary>
    /// <param name="type">The qualified type name.</param>
    /// <param name="property">The navigation property name.</param>
    /// <param name="target">Its type reference, or null when outside the vendored subset.</param>
    /// <returns>True when the type has it.</returns>
    public bool TryNavigation(string type, string property, out string? target)
    {
        for (var t = Find(type); t is not null; t = t.BaseType is null ? null : Find(t.BaseType))
        {
            if (t.Navigation.TryGetValue(property, out target))
            {
                return true;
            }
        }

        target = null;
        return false;
    }

    /// <summary>Gets whether <paramref name="type"/> is <paramref name="ancestor"/> or derives from it.</summary>
    /// <param name="type">The qualified type name.</param>
    /// <param name="ancestor">The qualified name of the supposed base.</param>
    /// <returns>True when assignable.</returns>
    public bool IsAssignableTo(string type, string ancestor)
    {
        for (var t = Find(type); t is not null; t = t.BaseType is null ? null : Find(t.BaseType))
        {
            if (t.Name == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds a bound operation by name for a binding type (its base types' operations included).</summary>
    /// <param name="name">The operation name, with or without the <c>microsoft.graph.</c> prefix.</param>
    /// <param name="type">The qualified type the segment is bound to.</param>
    /// <param name="collection">Whether the binding is a collection of <paramref name="type"/>.</param>
    /// <returns>The operation, or null.</returns>
    public CsdlOperation? Operation(string name, string type, bool collection)
    {
        var bare = name.StartsWith(Namespace + ".", StringComparison.Ordinal) ? name[(Namespace.Length + 1)..] : name;
        return operations.FirstOrDefault(o => o.Name == bare
            && TypeReference.IsCollection(o.BindingType) == collection
            && IsAssignableTo(type, TypeReference.Element(o.BindingType)));
    }

    private static CsdlModel Load(string version)
    {
        var resource = $"CloudTrust.Simulator.Graph.Metadata.{version}.csdl.xml";
        using var stream = typeof(CsdlModel).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the simulator assembly has no resource {resource}");
        return Parse(version, XDocument.Load(stream));
    }

    private static string? Qualify(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (TypeReference.IsCollection(reference))
        {
            return $"Collection({Qualify(TypeReference.Element(reference))})";
        }

        return reference.StartsWith("graph.", StringComparison.Ordinal) ? Namespace + reference["graph".Length..] : reference;
    }
}
