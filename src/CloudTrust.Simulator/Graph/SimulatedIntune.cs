using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// The state behind the simulated Graph: a seeded fleet of devices and users in groups, and the settings-catalog
/// policies with their assignments. Thread-safe; device states are computed from simulated time on demand, so
/// 100,000 devices cost memory for their facts only.
/// </summary>
public sealed partial class SimulatedIntune
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<SimulatedDevice>> groups = [];
    private readonly Dictionary<Guid, SimulatedGroup> groupObjects = [];
    private readonly List<SimulatedDevice> devices = [];
    private readonly Dictionary<string, SimulatedPolicy> policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimulatedPolicy> configurations = new(StringComparer.OrdinalIgnoreCase);
    private readonly SimulatedGraphOptions options;
    private readonly TimeProvider time;
    private readonly Random random;
    private int policyCounter;

    /// <summary>Initializes a new instance of the <see cref="SimulatedIntune"/> class.</summary>
    /// <param name="options">The simulation options.</param>
    /// <param name="time">The simulated clock devices check in by.</param>
    public SimulatedIntune(SimulatedGraphOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options;
        this.time = time;
        random = new Random(options.Seed);
        FleetEpoch = time.GetUtcNow();
    }

    /// <summary>Gets the time the fleet started checking in.</summary>
    public DateTimeOffset FleetEpoch { get; }

    /// <summary>Gets the simulation options.</summary>
    public SimulatedGraphOptions Options => options;

    internal TimeProvider Time => time;

    internal Lock Gate => gate;

    internal IReadOnlyList<SimulatedDevice> Devices => devices;

    internal Dictionary<string, SimulatedPolicy> PolicyTable => policies;

    /// <summary>Gets how many devices the fleet has.</summary>
    public int DeviceCount
    {
        get
        {
            lock (gate)
            {
                return devices.Count;
            }
        }
    }

    /// <summary>Adds a group of seeded devices (each with its own primary user) with the given failing populations.</summary>
    /// <param name="groupId">The Entra group id.</param>
    /// <param name="count">How many devices.</param>
    /// <param name="mix">The failing populations.</param>
    public void AddDeviceGroup(Guid groupId, int count, FleetMix? mix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        mix ??= FleetMix.Healthy;
        lock (gate)
        {
            var members = new List<SimulatedDevice>(count);
            for (var i = 0; i < count; i++)
            {
                members.Add(NewDevice(mix, devices.Count + members.Count + 1));
            }

            groups[groupId] = members;
            devices.AddRange(members);
        }
    }

    /// <summary>
    /// Adds one device with a given name to a group, for example a name from a careless or hostile tenant
    /// (<c>&lt;script&gt;</c> in a device name is legal in Intune); its other facts are seeded from <paramref name="mix"/>.
    /// </summary>
    /// <param name="groupId">The Entra group id (created when new).</param>
    /// <param name="name">The device name, taken as it is.</param>
    /// <param name="mix">The failing populations it is drawn from (for example <c>OldBuild = 1</c> for a device that errors).</param>
    public void AddNamedDevice(Guid groupId, string name, FleetMix? mix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (gate)
        {
            var device = NewDevice(mix ?? FleetMix.Healthy, devices.Count + 1, name);
            if (!groups.TryGetValue(groupId, out var members))
            {
                groups[groupId] = members = [];
            }

            members.Add(device);
            devices.Add(device);
            foreach (var policy in policies.Values.Concat(configurations.Values))
            {
                policy.TargetCache = null;
            }
        }
    }

    /// <summary>Adds an empty group (for example a group a person assigns by hand).</summary>
    /// <param name="groupId">The group id.</param>
    public void AddEmptyGroup(Guid groupId)
    {
        lock (gate)
        {
            groups.TryAdd(groupId, []);
        }
    }

    /// <summary>Adds a named, empty security group (as an admin would in the Entra portal); names need not be unique.</summary>
    /// <param name="displayName">Its display name.</param>
    /// <param name="groupId">Its id, or null for a new one.</param>
    /// <returns>The group's id.</returns>
    public Guid AddGroup(string displayName, Guid? groupId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        lock (gate)
        {
            var id = groupId ?? NextGuid();
            groups.TryAdd(id, []);
            groupObjects[id] = new SimulatedGroup(id, displayName, MailNicknameOf(displayName), true, false);
            return id;
        }
    }

    /// <summary>Gives an existing group (for example a device group) a display name.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="displayName">Its display name.</param>
    public void NameGroup(Guid groupId, string displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        lock (gate)
        {
            groups.TryAdd(groupId, []);
            groupObjects[groupId] = new SimulatedGroup(groupId, displayName, MailNicknameOf(displayName), true, false);
        }
    }

    /// <summary>Returns every named group as it is now.</summary>
    /// <returns>The groups.</returns>
    public IReadOnlyList<SimulatedGroup> Groups()
    {
        lock (gate)
        {
            return [.. groupObjects.Values];
        }
    }

    internal SimulatedGroup CreateGroup(string displayName, string mailNickname, bool securityEnabled, bool mailEnabled)
    {
        lock (gate)
        {
            var group = new SimulatedGroup(NextGuid(), displayName, mailNickname, securityEnabled, mailEnabled);
            groups.TryAdd(group.Id, []);
            groupObjects[group.Id] = group;
            return group;
        }
    }

    internal List<SimulatedGroup> GroupsNamed(string displayName)
    {
        lock (gate)
        {
            return [.. groupObjects.Values.Where(g => string.Equals(g.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>Creates a settings-catalog policy directly (as an admin would in the portal), with WHfB choice settings.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="description">Its description.</param>
    /// <param name="choices">Child setting id → true/false under the PassportForWork group collection.</param>
    /// <param name="assignedGroups">Groups to assign it to.</param>
    /// <returns>The new policy's id.</returns>
    public string AddPolicy(string name, string description, IReadOnlyDictionary<string, bool> choices, IEnumerable<Guid> assignedGroups)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(assignedGroups);
        var settings = CatalogSettings("device_vendor_msft_passportforwork_{tenantid}", choices);
        var policy = CreatePolicy(name, description, settings);
        foreach (var group in assignedGroups)
        {
            AssignGroup(policy.Id, group);
        }

        return policy.Id;
    }

    /// <summary>Builds settings-catalog <c>settings</c>: boolean choice children under one group setting collection.</summary>
    internal static JsonArray CatalogSettings(string root, IReadOnlyDictionary<string, bool> choices)
    {
        var children = new JsonArray();
        foreach (var (id, value) in choices)
        {
            children.Add(new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
                ["settingDefinitionId"] = id,
                ["choiceSettingValue"] = new JsonObject { ["value"] = id + (value ? "_true" : "_false"), ["children"] = new JsonArray() },
            });
        }

        return new JsonArray(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationSetting",
            ["settingInstance"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
                ["settingDefinitionId"] = root,
                ["groupSettingCollectionValue"] = new JsonArray(new JsonObject { ["children"] = children }),
            },
        });
    }

    /// <summary>Adds one group to a policy's assignments, as a person would by hand in the portal.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="groupId">The group.</param>
    public void AssignGroup(string policyId, Guid groupId)
    {
        lock (gate)
        {
            var policy = policies[policyId];
            policy.Assignments.TryAdd(groupId, time.GetUtcNow());
            policy.TargetCache = null;
        }
    }

    /// <summary>Returns every policy as it is now.</summary>
    /// <returns>The policies.</returns>
    public IReadOnlyList<PolicySnapshot> Policies()
    {
        lock (gate)
        {
            return policies.Values
                .Select(p => new PolicySnapshot(p.Id, p.Name, p.Description, p.Choices(), [.. p.Assignments.Keys], p.Settings.ToJsonString()))
                .ToList();
        }
    }

    /// <summary>Returns every v1.0 custom OMA-URI configuration as it is now (choices are OMA-URI → true/false).</summary>
    /// <returns>The configurations.</returns>
    public IReadOnlyList<PolicySnapshot> CustomConfigurations()
    {
        lock (gate)
        {
            return configurations.Values
                .Select(p => new PolicySnapshot(p.Id, p.Name, p.Description, p.Choices(), [.. p.Assignments.Keys], p.Settings.ToJsonString()))
                .ToList();
        }
    }

    internal Dictionary<string, SimulatedPolicy> ConfigurationTable => configurations;

    internal Dictionary<string, SimulatedPolicy> HealthScriptTable { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the detection scripts uploaded so far: id → (name, run-as account, script text).</summary>
    /// <returns>The scripts.</returns>
    public IReadOnlyList<(string Id, string Name, string RunAsAccount, string Script, IReadOnlyList<Guid> AssignedGroups)> HealthScripts()
    {
        lock (gate)
        {
            return [.. HealthScriptTable.Values.Select(p => (p.Id, p.Name, p.Technologies, p.Description, (IReadOnlyList<Guid>)[.. p.Assignments.Keys]))];
        }
    }

    internal SimulatedPolicy CreateHealthScript(string name, string runAs, string script, string description = "", string remediation = "")
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            // Real Remediations script ids are GUIDs, as policy ids are.
            var id = new Guid(random.Next(), (short)random.Next(short.MaxValue), (short)++policyCounter, [.. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(256))]).ToString();
            var policy = new SimulatedPolicy { Id = id, Name = name, Description = script, Technologies = runAs, Settings = [], CreatedDateTime = now, LastModifiedDateTime = now, ScriptDescription = description, RemediationScript = remediation };
            HealthScriptTable[id] = policy;
            return policy;
        }
    }

    internal SimulatedPolicy CreatePolicy(string name, string description, JsonArray settings, bool customOma = false)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var id = new Guid(random.Next(), (short)random.Next(short.MaxValue), (short)++policyCounter, [.. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(256))]).ToString();
            var policy = new SimulatedPolicy { Id = id, Name = name, Description = description, Settings = settings, CreatedDateTime = now, LastModifiedDateTime = now, IsCustomOma = customOma };
            (customOma ? configurations : policies)[id] = policy;
            return policy;
        }
    }

    /// <summary>Finds a group as <c>GET /groups/{id}</c> sees it; a device group added without a name gets one from its id.</summary>
    internal SimulatedGroup? FindGroup(Guid groupId)
    {
        lock (gate)
        {
            return groupObjects.TryGetValue(groupId, out var group) ? group
                : groups.ContainsKey(groupId) ? new SimulatedGroup(groupId, $"Group {groupId:N}", $"group{groupId:N}", true, false)
                : null;
        }
    }

    internal bool TryGetGroup(Guid groupId, out List<SimulatedDevice> members)
    {
        lock (gate)
        {
            return groups.TryGetValue(groupId, out members!);
        }
    }

    /// <summary>Returns the devices a policy targets (deduplicated, in group then seed order) with their assignment time.</summary>
    internal List<(SimulatedDevice Device, DateTimeOffset AssignedAt)> Targets(SimulatedPolicy policy)
    {
        lock (gate)
        {
            if (policy.TargetCache is { } cached)
            {
                return cached;
            }

            var seen = new HashSet<SimulatedDevice>(ReferenceEqualityComparer.Instance);
            var list = new List<(SimulatedDevice, DateTimeOffset)>();
            foreach (var (group, at) in policy.Assignments.OrderBy(a => a.Value))
            {
                if (groups.TryGetValue(group, out var members))
                {
                    foreach (var device in members)
                    {
                        if (seen.Add(device))
                        {
                            list.Add((device, at));
                        }
                    }
                }
            }

            policy.TargetCache = list;
            return list;
        }
    }

    private static string MailNicknameOf(string displayName)
    {
        var nickname = new string([.. displayName.Where(char.IsAsciiLetterOrDigit)]);
        return nickname.Length == 0 ? "group" : nickname;
    }

    private SimulatedDevice NewDevice(FleetMix mix, int n, string? name = null)
    {
        var oldBuild = random.NextDouble() < mix.OldBuild;
        var windows11 = random.NextDouble() < 0.5;
        var user = new SimulatedUser
        {
            Id = NextGuid(),
            UserPrincipalName = $"user{n:D6}@contoso.example",
            IsMfaRegistered = random.NextDouble() >= mix.NoMfa,
            IsAdmin = random.NextDouble() < mix.PrivilegedUser,
        };
        return new SimulatedDevice
        {
            ManagedDeviceId = NextGuid(),
            AadDeviceId = NextGuid(),
            ObjectId = NextGuid(),
            Name = name ?? $"PC-{n:D6}",
            Build = oldBuild ? 19042 : windows11 ? 22631 : 19045,
            SkuFamily = random.NextDouble() < 0.8 ? "Enterprise" : "Pro",
            JoinType = random.NextDouble() < 0.6 ? "azureADJoined" : "hybridAzureADJoined",
            HasTpm = random.NextDouble() >= mix.NoTpm,
            CertificateTrustGpo = random.NextDouble() < mix.CertificateTrustGpo,
            NeverChecksIn = random.NextDouble() < mix.NeverChecksIn,
            CheckInPhase = TimeSpan.FromTicks((long)(random.NextDouble() * options.CheckInInterval.Ticks)),
            User = user,
            TicketFault = mix.HasTicketFaults ? DrawTicketFault(mix) : TicketFault.None,
        };
    }

    private TicketFault DrawTicketFault(FleetMix mix)
    {
        var draw = random.NextDouble();
        foreach (var (share, fault) in new[] { (mix.OffNetwork, TicketFault.OffNetwork), (mix.StalePrt, TicketFault.StalePrt), (mix.RemoteDesktop, TicketFault.RemoteDesktop), (mix.OtherDomain, TicketFault.OtherDomain), (mix.CloudTrustGpoOff, TicketFault.CloudTrustGpoOff) })
        {
            if (draw < share)
            {
                return fault;
            }

            draw -= share;
        }

        return TicketFault.None;
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
