using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrust.Simulator.Graph.Contract;

namespace CloudTrust.Rollout.Tests.Conformance;

/// <summary>
/// Every property the product reads from a Graph response exists on the type the metadata says that response has.
/// The product's own response records (every type in CloudTrust.Integrations with <see cref="JsonPropertyNameAttribute"/>
/// properties) are found by reflection, so a new one fails here until it is named below with the request whose answer
/// it reads; nested records are checked against the type of the property that holds them. The properties read from raw
/// JSON (<c>TryGetProperty</c>) are listed in <see cref="JsonReads"/>. The v1.0 SDK's typed reads are held to the
/// metadata by the <c>$select</c> check of <see cref="GraphRequestConformanceTests"/>.
/// </summary>
public sealed class GraphResponseReadTests
{
    /// <summary>Each response record and a request (version and path; <c>x</c> for keys) whose answer it reads.</summary>
    private static readonly Dictionary<string, string[]> ReadFrom = new(StringComparer.Ordinal)
    {
        ["CloudTrust.Integrations.Graph.Contracts.ConfigurationPolicy"] = ["beta/deviceManagement/configurationPolicies"],
        ["CloudTrust.Integrations.Graph.Contracts.PolicyAssignment"] = ["beta/deviceManagement/configurationPolicies/x/assignments", "beta/deviceManagement/deviceHealthScripts/x/assignments"],
        ["CloudTrust.Integrations.Graph.HealthScript"] = ["beta/deviceManagement/deviceHealthScripts"],
        ["CloudTrust.Integrations.Graph.Contracts.ManagedDeviceRow"] = ["beta/deviceManagement/managedDevices"],
        ["CloudTrust.Integrations.Graph.Contracts.ManagedDeviceIdentity"] = ["v1.0/deviceManagement/managedDevices"],
        ["CloudTrust.Integrations.Migration.ReprovisioningReader+RunState"] = ["beta/deviceManagement/deviceHealthScripts/x/deviceRunStates"],
        ["CloudTrust.Integrations.TicketProbe.TicketProbeDeployment+RunState"] = ["beta/deviceManagement/deviceHealthScripts/x/deviceRunStates"],
    };

    /// <summary>Records that are not a Graph entity or complex type, and why.</summary>
    private static readonly Dictionary<string, string> NotEntities = new(StringComparer.Ordinal)
    {
        ["CloudTrust.Integrations.Graph.Contracts.ODataPage`1"] = "OData JSON format's collection envelope (value, @odata.nextLink)",
        ["CloudTrust.Integrations.Graph.Contracts.GraphErrorBody"] = "Graph's error envelope",
        ["CloudTrust.Integrations.Graph.Contracts.GraphError"] = "Graph's error envelope",
        ["CloudTrust.Integrations.Graph.Contracts.DeviceReportRequest"] = "the parameters of getConfigurationPolicyDevicesReport, checked as parameters below",
        ["CloudTrust.Integrations.Graph.Contracts.DeviceReportTable"] = "the report action returns Edm.Stream: its table is untyped in the metadata (issue 16, Build item 4)",
        ["CloudTrust.Integrations.Graph.Contracts.DeviceReportColumn"] = "the report action returns Edm.Stream: its table is untyped in the metadata (issue 16, Build item 4)",
    };

    /// <summary>Properties read from raw JSON: version, type and property.</summary>
    private static readonly (string Version, string Type, string Property)[] JsonReads =
    [
        ("beta", "deviceManagementConfigurationSetting", "settingInstance"),
        ("beta", "deviceManagementConfigurationSettingInstance", "settingDefinitionId"),
        ("beta", "deviceManagementConfigurationSimpleSettingInstance", "simpleSettingValue"),
        ("beta", "deviceManagementConfigurationIntegerSettingValue", "value"),
        ("beta", "deviceManagementConfigurationChoiceSettingInstance", "choiceSettingValue"),
        ("beta", "deviceManagementConfigurationChoiceSettingValue", "value"),
        ("beta", "deviceManagementConfigurationChoiceSettingValue", "children"),
        ("beta", "deviceManagementConfigurationGroupSettingCollectionInstance", "groupSettingCollectionValue"),
        ("beta", "deviceManagementConfigurationGroupSettingValue", "children"),
        ("beta", "groupAssignmentTarget", "groupId"),
        ("v1.0", "groupAssignmentTarget", "groupId"),
    ];

    [Fact]
    public void Every_response_record_of_the_product_reads_only_what_the_metadata_has()
    {
        var records = typeof(CloudTrust.Integrations.Graph.GraphConnection).Assembly.GetTypes().Where(IsRecord).ToList();
        var failures = new List<string>();
        var reached = new HashSet<Type>();
        foreach (var record in records.Where(r => ReadFrom.ContainsKey(Name(r))))
        {
            foreach (var request in ReadFrom[Name(record)])
            {
                var (model, type) = ResponseType(request);
                failures.AddRange(Check(model, type, record, reached).Select(f => $"{Name(record)} ({request}): {f}"));
            }
        }

        var unnamed = records.Where(r => !ReadFrom.ContainsKey(Name(r)) && !NotEntities.ContainsKey(Name(r)) && !reached.Contains(r)).Select(Name).ToList();
        Assert.True(unnamed.Count == 0, "Graph response records not tied to a request here (add them to ReadFrom):\n" + string.Join("\n", unnamed));
        Assert.True(failures.Count == 0, "The product reads what the metadata lacks:\n" + string.Join("\n", failures));
        Assert.Contains(records, r => Name(r) == "CloudTrust.Integrations.Graph.Contracts.PolicyTemplateReference" && reached.Contains(r));
    }

    [Fact]
    public void The_device_report_request_names_only_the_actions_parameters()
    {
        var record = typeof(CloudTrust.Integrations.Graph.GraphConnection).Assembly.GetType("CloudTrust.Integrations.Graph.Contracts.DeviceReportRequest")!;
        var model = CsdlModel.For("beta");
        var operation = GraphPathResolver.Resolve(model, ["deviceManagement", "reports", "getConfigurationPolicyDevicesReport"], out var violation).Operation;

        Assert.Null(violation);
        Assert.NotNull(operation);
        Assert.All(JsonNames(record), name => Assert.Contains(name, operation.Parameters.Keys));
    }

    [Fact]
    public void Properties_read_from_raw_JSON_exist_on_their_types()
    {
        var missing = JsonReads.Where(r => CsdlModel.For(r.Version).Property($"microsoft.graph.{r.Type}", r.Property) is null).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void A_record_reading_a_made_up_property_is_flagged()
    {
        var (model, type) = ResponseType("beta/deviceManagement/deviceHealthScripts/x/deviceRunStates");

        var failures = Check(model, type, typeof(MadeUpRunState), []).ToList();

        Assert.Equal(["'madeUpOutput' is not on microsoft.graph.deviceHealthScriptDeviceState", "'madeUpDeviceName' is not on microsoft.graph.managedDevice"], failures);
    }

    private static (CsdlModel Model, string Type) ResponseType(string request)
    {
        var segments = request.Split('/');
        var model = CsdlModel.For(segments[0]);
        var resolved = GraphPathResolver.Resolve(model, segments[1..], out var violation);
        Assert.True(violation is null, $"{request}: {violation?.Message}");
        return (model, resolved.Type!);
    }

    private static IEnumerable<string> Check(CsdlModel model, string type, Type record, HashSet<Type> reached)
    {
        reached.Add(record);
        foreach (var property in record.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is not { } name)
            {
                continue;
            }

            var target = model.Property(type, name) ?? (model.TryNavigation(type, name, out var navigation) ? navigation ?? "Edm.Untyped" : null);
            if (target is null)
            {
                yield return $"'{name}' is not on {type}";
                continue;
            }

            if (Nested(property.PropertyType) is { } inner && !TypeReference.IsPrimitive(target))
            {
                foreach (var failure in Check(model, TypeReference.Element(target), inner, reached))
                {
                    yield return failure;
                }
            }
        }
    }

    private static Type? Nested(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        var element = bare.IsArray ? bare.GetElementType()! : bare.IsGenericType && bare.GetGenericArguments().Length == 1 && bare != typeof(JsonElement) ? bare.GetGenericArguments()[0] : bare;
        return IsRecord(element) ? element : null;
    }

    private static bool IsRecord(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null);

    private static IEnumerable<string> JsonNames(Type record)
        => record.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>();

    private static string Name(Type type) => type.FullName!.Split('[')[0];

    private sealed record MadeUpRunState(
        [property: JsonPropertyName("detectionState")] string? DetectionState,
        [property: JsonPropertyName("madeUpOutput")] string? Output,
        [property: JsonPropertyName("managedDevice")] MadeUpDevice? ManagedDevice);

    private sealed record MadeUpDevice(
        [property: JsonPropertyName("azureADDeviceId")] string? AzureAdDeviceId,
        [property: JsonPropertyName("madeUpDeviceName")] string? DeviceName);
}
