using CloudTrust.Core.Kerberos;
using CloudTrust.Agent.Operations;

namespace CloudTrust.Agent.Backends.Simulated;

/// <summary>
/// A simulated AD forest with Microsoft Entra Kerberos server objects, persisted to a JSON file after every change:
/// used on Linux, in the demo and in the tests. Key versions grow by more than one per rotation, as in real AD, and
/// the cloud half of a domain can lag behind (<see cref="SimulatedDomain.CloudLags"/>).
/// </summary>
internal sealed class SimulatedActiveDirectory : IKerberosBackend
{
    private readonly string path;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly List<SimulatedDomain> domains;
    private readonly HashSet<string> mfaAccounts;
    private readonly List<SimulatedSignIn> signIns = [];
    private TaskCompletionSource? hold;
    private int operationsHeld;

    public SimulatedActiveDirectory(string path, TimeProvider time)
    {
        this.path = path;
        this.time = time;
        domains = AtomicJsonFile.Read<List<SimulatedDomain>>(path, KerberosJson.Options) ?? [];
        mfaAccounts = new HashSet<string>(AtomicJsonFile.Read<List<string>>(MfaPath, KerberosJson.Options) ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets every module sign-in this instance saw (domain, domain account, cloud account, interactive or not): no passwords.</summary>
    public IReadOnlyList<SimulatedSignIn> SignIns
    {
        get
        {
            lock (gate)
            {
                return [.. signIns];
            }
        }
    }

    /// <summary>Makes a cloud account one the tenant requires MFA for: a password sign-in with it fails with AADSTS50076 (persisted).</summary>
    public void RequireMfa(string cloudUserName)
    {
        lock (gate)
        {
            mfaAccounts.Add(cloudUserName);
            AtomicJsonFile.Write(MfaPath, mfaAccounts.Order(StringComparer.OrdinalIgnoreCase).ToList(), KerberosJson.Options);
        }
    }

    private string MfaPath => Path.ChangeExtension(path, ".mfa-accounts.json");

    /// <inheritdoc />
    public string Name => "Simulated";

    /// <summary>Adds or replaces a domain.</summary>
    public void AddDomain(SimulatedDomain domain)
    {
        lock (gate)
        {
            domains.RemoveAll(d => string.Equals(d.DnsName, domain.DnsName, StringComparison.OrdinalIgnoreCase));
            domains.Add(domain);
            Save();
        }
    }

    /// <summary>
    /// Adds or replaces (by id) a GPO of a domain, and adds the computer accounts given (distinguished names under
    /// the domain). Links and computers outside the domain are refused, and nothing changes.
    /// </summary>
    public void AddGroupPolicy(string dnsName, SimulatedGroupPolicy gpo, IEnumerable<string>? computers = null)
    {
        ArgumentNullException.ThrowIfNull(gpo);
        var added = computers?.ToList() ?? [];
        lock (gate)
        {
            var domain = Find(dnsName) ?? throw new ArgumentException($"the forest has no domain {dnsName}", nameof(dnsName));
            for (var i = 0; i < gpo.Links.Count; i++)
            {
                if (!SimulatedGroupPolicies.IsInDomain(domain, gpo.Links[i].Target))
                {
                    throw new ArgumentException($"links[{i}].target: {gpo.Links[i].Target} is not {domain.DistinguishedName} or under it", nameof(gpo));
                }
            }

            for (var i = 0; i < added.Count; i++)
            {
                if (!added[i].StartsWith("CN=", StringComparison.OrdinalIgnoreCase) || !SimulatedGroupPolicies.IsInDomain(domain, added[i]))
                {
                    throw new ArgumentException($"computers[{i}]: {added[i]} is not a CN= under {domain.DistinguishedName}", nameof(computers));
                }
            }

            domain.GroupPolicies.RemoveAll(g => g.Id == gpo.Id);
            domain.GroupPolicies.Add(gpo);
            domain.Computers.AddRange(added.Where(c => !domain.Computers.Contains(c, StringComparer.OrdinalIgnoreCase)));
            Save();
        }
    }

    /// <summary>Reads a domain's Kerberos server object's rotation count (0 when it has none).</summary>
    public int RotationsOf(string dnsName)
    {
        lock (gate)
        {
            return Find(dnsName)?.Server?.Rotations ?? 0;
        }
    }

    /// <summary>Gets how many operations reached this backend.</summary>
    public int OperationsRun => Volatile.Read(ref operationsRun);

    private int operationsRun;

    /// <summary>Brings a lagging domain's cloud half up to date.</summary>
    public void SyncCloud(string dnsName)
    {
        lock (gate)
        {
            if (Find(dnsName)?.Server is { } server)
            {
                PublishToCloud(Find(dnsName)!, server);
                Save();
            }
        }
    }

    /// <summary>The child domain's own Domain Admin in the demo forest (the root's admin is refused there).</summary>
    public const string ChildDomainAdmin = "EMEA\\da";

    /// <summary>Builds a small demo forest: contoso.com with two sites, and a child domain emea.contoso.com.</summary>
    public static IEnumerable<SimulatedDomain> DemoForest()
    {
        yield return new SimulatedDomain
        {
            DnsName = "contoso.com",
            DomainControllers =
            [
                new DomainController("dc1.contoso.com", "HQ", "Windows Server 2022 Datacenter", 20348, true),
                new DomainController("dc2.contoso.com", "HQ", "Windows Server 2019 Standard", 17763, true),
                new DomainController("rodc1.contoso.com", "Branch", "Windows Server 2016 Standard", 14393, false),
                new DomainController("dc3.contoso.com", "Branch", "Windows Server 2012 R2 Standard", 9600, true),
            ],
            Users = ["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"],
            Groups = new(StringComparer.OrdinalIgnoreCase)
            {
                ["Domain Admins"] = ["alice@contoso.com", "Tier0 Operators"],
                ["Tier0 Operators"] = ["bob@contoso.com"],
                ["Helpdesk"] = ["carol@contoso.com"],
            },
        };
        yield return new SimulatedDomain
        {
            DnsName = "emea.contoso.com",
            CloudLags = true,
            DomainControllers = [new DomainController("dc1.emea.contoso.com", "EMEA", "Windows Server 2019 Standard", 17763, true)],
            DomainAdmins = [ChildDomainAdmin],
            Users = ["dave@emea.contoso.com"],
        };
    }

    /// <summary>Gets how many operations have waited on a <see cref="Hold"/> so far.</summary>
    public int OperationsHeld => Volatile.Read(ref operationsHeld);

    /// <summary>
    /// Makes every operation from now on wait until the returned handle is disposed, as domain controllers that answer
    /// late would: a test can then act while a workflow is known to wait on the directory, whatever the machine's speed.
    /// </summary>
    /// <returns>The hold; disposing it lets the waiting operations run.</returns>
    public IDisposable Hold()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref hold, held);
        return new HoldRelease(() =>
        {
            Interlocked.CompareExchange(ref hold, null, held);
            held.TrySetResult();
        });
    }

    /// <inheritdoc />
    public Task<KerberosOperationResult> ExecuteAsync(KerberosOperationRequest request, PowerShell.KerberosAdminCredentials? credentials, CancellationToken cancellationToken)
        => Volatile.Read(ref hold) is { } held ? ExecuteAfterAsync(held.Task, request, credentials, cancellationToken) : Execute(request, credentials, cancellationToken);

    private async Task<KerberosOperationResult> ExecuteAfterAsync(Task held, KerberosOperationRequest request, PowerShell.KerberosAdminCredentials? credentials, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref operationsHeld);
        await held.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await Execute(request, credentials, cancellationToken).ConfigureAwait(false);
    }

    private Task<KerberosOperationResult> Execute(KerberosOperationRequest request, PowerShell.KerberosAdminCredentials? credentials, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref operationsRun);
        lock (gate)
        {
            var domain = Find(request.Domain!);
            if (domain is null)
            {
                return Task.FromResult(KerberosOperationResult.Failure(request, KerberosErrorCodes.DomainNotFound, $"the forest has no domain {request.Domain}"));
            }

            if (credentials is not null && KerberosOperations.SignsIn.Contains(request.Operation) && SignInFailure(request, domain, credentials) is { } refused)
            {
                return Task.FromResult(refused);
            }

            CatchUpCloud(domain);
            var result = request.Operation switch
            {
                KerberosOperations.GetKerberosServer => domain.Server is { } s ? KerberosOperationResult.ForServer(request, View(domain, s), false) : NoServer(request),
                KerberosOperations.ReadKerberosServerDirectory => new KerberosOperationResult
                {
                    Operation = request.Operation,
                    Domain = request.Domain,
                    Succeeded = true,
                    Directory = DirectoryView(domain),
                },
                KerberosOperations.EnsureKerberosServer => Ensure(request, domain),
                KerberosOperations.RotateKerberosServerKey => Rotate(request, domain),
                KerberosOperations.RemoveKerberosServer => Remove(request, domain),
                KerberosOperations.CheckDomainPrerequisites => new KerberosOperationResult
                {
                    Operation = request.Operation,
                    Domain = request.Domain,
                    Succeeded = true,
                    Prerequisites = DomainPrerequisites.Evaluate(domain.DnsName, domain.DomainControllers),
                },
                KerberosOperations.FindPrivilegedUsers => new KerberosOperationResult
                {
                    Operation = request.Operation,
                    Domain = request.Domain,
                    Succeeded = true,
                    PrivilegedUsers = request.UserPrincipalNames!.Select(upn => PrivilegedMembership.Find(domain, upn)).ToList(),
                    ReplicationPolicy = new ReplicationPolicy(domain.DeniedGroups, domain.Server is not null),
                },
                KerberosOperations.ListHelloGroupPolicies => new KerberosOperationResult
                {
                    Operation = request.Operation,
                    Domain = request.Domain,
                    Succeeded = true,
                    HelloGroupPolicies = SimulatedGroupPolicies.List(domain),
                },
                _ => KerberosOperationResult.Failure(request, KerberosErrorCodes.UnknownOperation, "not served by this backend"),
            };
            return Task.FromResult(result);
        }
    }

    /// <summary>What the module would refuse before touching anything: where it cannot run, a cloud password for an MFA account, another domain's admin.</summary>
    private KerberosOperationResult? SignInFailure(KerberosOperationRequest request, SimulatedDomain domain, PowerShell.KerberosAdminCredentials credentials)
    {
        signIns.Add(new SimulatedSignIn(domain.DnsName, credentials.DomainUserName, credentials.CloudUserName, credentials.CloudInteractive));
        string? text = null;
        string? errorId = null;
        if (domain.ModuleFailure is { } failure)
        {
            text = failure;
        }
        else if (!credentials.CloudInteractive && mfaAccounts.Contains(credentials.CloudUserName))
        {
            text = ModuleErrorTexts.MfaRequired;
        }
        else if (domain.DomainAdmins.Count > 0 && !domain.DomainAdmins.Contains(credentials.DomainUserName, StringComparer.OrdinalIgnoreCase))
        {
            (text, errorId) = (ModuleErrorTexts.WrongDomainAdmin, ModuleErrorTexts.WrongDomainAdminErrorId);
        }

        if (text is null)
        {
            return null;
        }

        var (code, message) = PowerShell.PowerShellFailures.Classify(text, errorId);
        return KerberosOperationResult.Failure(request, code, message);
    }

    private static KerberosOperationResult NoServer(KerberosOperationRequest request)
        => KerberosOperationResult.Failure(request, KerberosErrorCodes.ServerNotFound, $"{request.Domain} has no Microsoft Entra Kerberos server object");

    private KerberosOperationResult Ensure(KerberosOperationRequest request, SimulatedDomain domain)
    {
        if (domain.Server is { } existing)
        {
            return KerberosOperationResult.ForServer(request, View(domain, existing), false);
        }

        var now = time.GetUtcNow();
        var server = new SimulatedKerberosServer
        {
            Id = 20000 + (Math.Abs(StringComparer.OrdinalIgnoreCase.GetHashCode(domain.DnsName)) % 40000),
            KeyVersion = 3000 + (now.ToUnixTimeSeconds() % 5000),
            KeyUpdatedOn = now,
            KeyUpdatedFrom = WritableController(domain),
        };
        domain.Server = server;
        PublishToCloud(domain, server);
        Save();
        return KerberosOperationResult.ForServer(request, View(domain, server), true);
    }

    private KerberosOperationResult Rotate(KerberosOperationRequest request, SimulatedDomain domain)
    {
        if (domain.Server is not { } server)
        {
            return NoServer(request);
        }

        // Real key versions jump by the replication metadata's count, never simply +1.
        server.KeyVersion += 2 + (server.Rotations % 3);
        server.KeyUpdatedOn = time.GetUtcNow();
        server.KeyUpdatedFrom = WritableController(domain);
        server.Rotations++;
        if (!domain.CloudLags)
        {
            PublishToCloud(domain, server);
        }

        Save();
        return KerberosOperationResult.ForServer(request, View(domain, server), true);
    }

    private KerberosOperationResult Remove(KerberosOperationRequest request, SimulatedDomain domain)
    {
        if (domain.Server is null)
        {
            return NoServer(request);
        }

        domain.Server = null;
        Save();
        return new KerberosOperationResult { Operation = request.Operation, Domain = request.Domain, Succeeded = true, Changed = true };
    }

    /// <summary>Publishes a lagging domain's change to the cloud half once its catch-up time has passed.</summary>
    private void CatchUpCloud(SimulatedDomain domain)
    {
        if (domain is { CloudLags: true, CloudCatchesUpAfter: { } lag, Server: { } server }
            && server.CloudKeyVersion != server.KeyVersion
            && server.KeyUpdatedOn + lag <= time.GetUtcNow())
        {
            PublishToCloud(domain, server);
            Save();
        }
    }

    private static void PublishToCloud(SimulatedDomain domain, SimulatedKerberosServer server)
    {
        server.CloudId = server.Id;
        server.CloudDomainDnsName = domain.DnsName;
        server.CloudKeyVersion = server.KeyVersion;
        server.CloudKeyUpdatedOn = server.KeyUpdatedOn;
    }

    private static string WritableController(SimulatedDomain domain)
        => domain.DomainControllers.FirstOrDefault(dc => dc.IsWritable)?.HostName ?? "dc1." + domain.DnsName;

    private static KerberosServerObject View(SimulatedDomain domain, SimulatedKerberosServer s) => new(
        s.Id,
        $"CN=krbtgt_AzureAD,CN=Users,{domain.DistinguishedName}",
        $"CN=AzureADKerberos,OU=Domain Controllers,{domain.DistinguishedName}",
        "krbtgt_AzureAD",
        domain.DnsName,
        s.KeyVersion,
        s.KeyUpdatedOn,
        s.KeyUpdatedFrom,
        s.CloudId is null ? null : "krbtgt_AzureAD",
        s.CloudDomainDnsName,
        s.CloudId,
        s.CloudKeyVersion,
        s.CloudKeyUpdatedOn);

    /// <summary>The on-premises half as a directory read finds it: no cloud field, the user's flags as stored.</summary>
    private static KerberosDirectoryObject DirectoryView(SimulatedDomain domain)
        => domain.Server is not { } s
            ? new KerberosDirectoryObject(domain.DnsName, null, null, null, null, null)
            : new KerberosDirectoryObject(
                domain.DnsName,
                $"CN=AzureADKerberos,OU=Domain Controllers,{domain.DistinguishedName}",
                $"CN=krbtgt_AzureAD,CN=Users,{domain.DistinguishedName}",
                s.KeyVersion,
                s.KeyUpdatedOn,
                s.UserAccountControl);

    /// <summary>Sets the <c>krbtgt_AzureAD</c> user's userAccountControl of a domain's object (tests enable it to see it reported).</summary>
    public void SetUserAccountControl(string dnsName, int flags)
    {
        lock (gate)
        {
            if (Find(dnsName)?.Server is { } server)
            {
                server.UserAccountControl = flags;
                Save();
            }
        }
    }

    private SimulatedDomain? Find(string dnsName)
        => domains.FirstOrDefault(d => string.Equals(d.DnsName, dnsName, StringComparison.OrdinalIgnoreCase));

    private void Save() => AtomicJsonFile.Write(path, domains, KerberosJson.Options);

    private sealed class HoldRelease(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
