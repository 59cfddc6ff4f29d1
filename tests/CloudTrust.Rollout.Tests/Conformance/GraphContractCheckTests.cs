using CloudTrust.Simulator.Graph.Contract;

namespace CloudTrust.Rollout.Tests.Conformance;

/// <summary>The contract check flags what the vendored metadata lacks and accepts what it has, inherited members included.</summary>
public sealed class GraphContractCheckTests
{
    [Fact]
    public void A_made_up_select_property_is_flagged_with_Graphs_message()
    {
        var violation = Assert.Single(GraphContract.Check("GET", "/v1.0/deviceManagement/managedDevices?$select=id,deviceName,madeUpProperty", null));

        Assert.Equal("Could not find a property named 'madeUpProperty' on type 'microsoft.graph.managedDevice'.", violation.Message);
    }

    [Fact]
    public void SkuFamily_and_joinType_are_beta_only_on_managedDevice()
    {
        Assert.Equal(["skuFamily", "joinType"], GraphContract.Check("GET", "/v1.0/deviceManagement/managedDevices?$select=id,skuFamily,joinType", null).Select(v => v.Name));
        Assert.Empty(GraphContract.Check("GET", "/beta/deviceManagement/managedDevices?$select=id,skuFamily,joinType", null));
    }

    [Fact]
    public void DeviceId_needs_the_device_cast_on_group_members()
    {
        Assert.Equal("Could not find a property named 'deviceId' on type 'microsoft.graph.directoryObject'.", Assert.Single(GraphContract.Check("GET", "/v1.0/groups/1e000000-0000-4000-8000-000000000001/members?$select=id,deviceId", null)).Message);
        Assert.Empty(GraphContract.Check("GET", "/v1.0/groups/1e000000-0000-4000-8000-000000000001/members/microsoft.graph.device?$select=id,deviceId", null));
        Assert.Empty(GraphContract.Check("GET", "/v1.0/groups/1e000000-0000-4000-8000-000000000001/members?$select=id,microsoft.graph.device/deviceId", null));
    }

    [Fact]
    public void An_unknown_segment_or_cast_is_a_resource_not_found()
    {
        Assert.Equal("Resource not found for the segment 'madeUpPolicies'.", Assert.Single(GraphContract.Check("GET", "/beta/deviceManagement/madeUpPolicies", null)).Message);
        Assert.Equal("Resource not found for the segment 'microsoft.graph.group'.", Assert.Single(GraphContract.Check("GET", "/v1.0/deviceManagement/managedDevices/microsoft.graph.group", null)).Message);
    }

    [Fact]
    public void Filter_orderby_and_expand_names_are_checked_but_literals_are_not()
    {
        Assert.Empty(GraphContract.Check("GET", "/v1.0/groups?$filter=" + Uri.EscapeDataString("displayName eq 'madeUp eq ''x'''") + "&$orderby=displayName desc", null));
        Assert.Equal(["madeUp"], GraphContract.Check("GET", "/v1.0/groups?$filter=" + Uri.EscapeDataString("displayName eq 'x' and madeUp eq 1"), null).Select(v => v.Name));
        Assert.Equal(["madeUpOrder"], GraphContract.Check("GET", "/v1.0/groups?$orderby=madeUpOrder", null).Select(v => v.Name));
        Assert.Empty(GraphContract.Check("GET", "/beta/deviceManagement/deviceHealthScripts/x/deviceRunStates?$expand=managedDevice", null));
        Assert.Equal(["madeUpDevice"], GraphContract.Check("GET", "/beta/deviceManagement/deviceHealthScripts/x/deviceRunStates?$expand=madeUpDevice", null).Select(v => v.Name));
    }

    [Fact]
    public void Inherited_properties_are_accepted()
    {
        Assert.Empty(GraphContract.Check("GET", "/v1.0/deviceManagement/deviceConfigurations?$select=id,displayName,version", null));
        const string Body = """
            {"@odata.type":"#microsoft.graph.windows10CustomConfiguration","displayName":"d","description":"x",
             "omaSettings":[{"@odata.type":"#microsoft.graph.omaSettingInteger","displayName":"n","omaUri":"./Device/x","value":1}]}
            """;
        Assert.Empty(GraphContract.Check("POST", "/v1.0/deviceManagement/deviceConfigurations", Body));
    }

    [Fact]
    public void Made_up_body_properties_types_enum_values_and_parameters_are_flagged()
    {
        var policy = GraphContract.Check("POST", "/beta/deviceManagement/configurationPolicies", """
            {"name":"n","platforms":"windows11","technologies":"mdm","madeUp":1,
             "settings":[{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSetting",
               "settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance","settingDefinitionId":"s","choiceValue":{}}}]}
            """);
        Assert.Equal(
            [
                "The value 'windows11' is not a member of the enum type 'microsoft.graph.deviceManagementConfigurationPlatforms'.",
                "The property 'madeUp' does not exist on type 'microsoft.graph.deviceManagementConfigurationPolicy'. Make sure to only use property names that are defined by the type or mark the type as open type.",
                "The property 'choiceValue' does not exist on type 'microsoft.graph.deviceManagementConfigurationChoiceSettingInstance'. Make sure to only use property names that are defined by the type or mark the type as open type.",
            ],
            policy.Select(v => v.Message));

        var assign = GraphContract.Check("POST", "/beta/deviceManagement/configurationPolicies/p/assign", """
            {"assignments":[{"target":{"@odata.type":"#microsoft.graph.madeUpTarget","groupId":"g"}}],"assignment":[]}
            """);
        Assert.Equal(["#microsoft.graph.madeUpTarget", "assignment"], assign.Select(v => v.Name));
        Assert.Equal("The parameter 'assignment' in the request payload is not a valid parameter for the operation 'assign'.", assign[1].Message);

        Assert.Equal(["madeUpColumnParameter"], GraphContract.Check("POST", "/beta/deviceManagement/reports/getConfigurationPolicyDevicesReport", """{"filter":"(PolicyId eq 'p')","select":["DeviceName"],"top":50,"skip":0,"madeUpColumnParameter":1}""").Select(v => v.Name));
    }

    [Fact]
    public void An_assignment_filter_type_outside_the_enum_is_flagged()
    {
        const string Body = """{"assignments":[{"target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"g","deviceAndAppManagementAssignmentFilterType":"%"}}]}""";

        Assert.Empty(GraphContract.Check("POST", "/beta/deviceManagement/configurationPolicies/p/assign", Body.Replace("%", "none", StringComparison.Ordinal)));
        Assert.Equal(["sometimes"], GraphContract.Check("POST", "/beta/deviceManagement/configurationPolicies/p/assign", Body.Replace("%", "sometimes", StringComparison.Ordinal)).Select(v => v.Name));
    }

    [Fact]
    public void A_type_that_does_not_derive_from_the_declared_one_is_flagged()
    {
        var violation = Assert.Single(GraphContract.Check("POST", "/beta/deviceManagement/deviceHealthScripts/s/assign", """
            {"deviceHealthScriptAssignments":[{"target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"g"},
              "runSchedule":{"@odata.type":"#microsoft.graph.groupAssignmentTarget"}}]}
            """));

        Assert.StartsWith("An entry with type 'microsoft.graph.groupAssignmentTarget' was found, but it is not assignable to the expected type 'microsoft.graph.deviceHealthScriptRunSchedule'.", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_is_checked_against_the_type_its_path_resolves_to()
    {
        var members = """{"value":[{"@odata.type":"#microsoft.graph.device","id":"1","deviceId":"d","displayName":"n","operatingSystem":"Windows"}]}"""u8.ToArray();
        var made = """{"value":[{"@odata.type":"#microsoft.graph.deviceHealthScriptDeviceState","id":"1","detectionState":"success","managedDevice":{"id":"m","madeUpName":"x"}}]}"""u8.ToArray();

        Assert.Empty(GraphAnswer.Check("/v1.0/groups/g/members", members));
        Assert.Equal(["madeUpName"], GraphAnswer.Check("/beta/deviceManagement/deviceHealthScripts/s/deviceRunStates", made).Select(v => v.Name));
        Assert.Empty(GraphAnswer.Check("/beta/deviceManagement/reports/getConfigurationPolicyDevicesReport", """{"TotalRowCount":0,"Schema":[],"Values":[]}"""u8.ToArray()));
    }

    [Fact]
    public void Keys_in_parentheses_and_function_parameters_are_resolved()
    {
        var model = CsdlModel.Parse("test", System.Xml.Linq.XDocument.Parse("""
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
              <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                <EntityType Name="entity"><Property Name="id" Type="Edm.String" /></EntityType>
                <EntityType Name="thing" BaseType="graph.entity"><Property Name="size" Type="Edm.Int32" /></EntityType>
                <Function Name="report" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(graph.thing)" /><Parameter Name="period" Type="Edm.String" /><ReturnType Type="Edm.Stream" /></Function>
                <EntityContainer Name="GraphService"><EntitySet Name="things" EntityType="microsoft.graph.thing" /></EntityContainer>
              </Schema></edmx:DataServices></edmx:Edmx>
            """));

        var keyed = GraphPathResolver.Resolve(model, ["things('a')"], out var none);
        GraphPathResolver.Resolve(model, ["things", "report(period='D7')"], out var known);
        GraphPathResolver.Resolve(model, ["things", "microsoft.graph.report(madeUp='x')"], out var unknown);

        Assert.Null(none);
        Assert.Equal(("microsoft.graph.thing", false), (keyed.Type, keyed.IsCollection));
        Assert.Equal("id", model.Find("microsoft.graph.entity")!.Properties.Keys.Single());
        Assert.Null(known);
        Assert.Equal("The parameter 'madeUp' is not a valid parameter for the operation 'report'.", unknown?.Message);
    }
}
