using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Migration;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Preview;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Relay;
using CloudTrust.Integrations.Rollout;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Preview;

/// <summary>
/// The dry run behind <c>cloudtrust plan</c>: validates a plan, reads the tenant as the rollout would (the same
/// profile comparison, assignment list, conflict rules, readiness rules and Kerberos health judgement), and says
/// what a rollout WOULD change, with each ring's WHfB precedence report and migration steps (the same
/// <see cref="RingAnalyzer"/> the rollout's preflight uses). Sends only GET requests to Graph and only the read
/// operations <c>GetKerberosServer</c> and <c>ListHelloGroupPolicies</c> to the agent; an invalid plan is answered
/// with its path-precise errors before anything is read.
/// </summary>
public sealed partial class RolloutPreview
{
    private readonly GraphConnection graph;
    private readonly IKerberosServerReader kerberos;
    private readonly IHelloGroupPolicyPort? groupPolicies;
    private readonly IOnPremisesReadinessPort? onPremises;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggers;
    private readonly ILogger<RolloutPreview> logger;

    /// <summary>Initializes a new instance of the <see cref="RolloutPreview"/> class.</summary>
    /// <param name="graph">The Graph connection to the plan's tenant.</param>
    /// <param name="kerberos">Reads the plan domains' Kerberos server objects (the agent over the relay, or the simulated tenant).</param>
    /// <param name="time">The clock device check-in ages are measured by.</param>
    /// <param name="loggers">Loggers.</param>
    /// <param name="groupPolicies">Lists the plan domains' WHfB GPOs (the agent over the relay); null reads no Group Policy and says so.</param>
    /// <param name="onPremises">Reads domain controllers and privileged users (the agent over the relay); null leaves the section out.</param>
    public RolloutPreview(GraphConnection graph, IKerberosServerReader kerberos, TimeProvider time, ILoggerFactory loggers, IHelloGroupPolicyPort? groupPolicies = null, IOnPremisesReadinessPort? onPremises = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(kerberos);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        this.graph = graph;
        this.kerberos = kerberos;
        this.time = time;
        this.loggers = loggers;
        this.groupPolicies = groupPolicies;
        this.onPremises = onPremises;
        logger = loggers.CreateLogger<RolloutPreview>();
    }

    /// <summary>Creates a preview that reads the Kerberos server objects through the on-premises agent.</summary>
    /// <param name="graph">The Graph connection to the plan's tenant.</param>
    /// <param name="sender">The relay sender to the agent.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Loggers.</param>
    /// <param name="signIn">Each domain's cloud sign-in (an attended domain's object is read from the directory, its cloud half not read); attended everywhere when null.</param>
    /// <returns>The preview service.</returns>
    public static RolloutPreview OverRelay(GraphConnection graph, RelaySender sender, TimeProvider time, ILoggerFactory loggers, Core.Rotation.CloudSignInPolicy? signIn = null)
        => new(graph, new RelayKerberosServerReader(sender, signIn), time, loggers, new RelayHelloGroupPolicyReader(sender), new RelayOnPremisesReadiness(sender)) { TenantSignIn = signIn };

    /// <summary>Gets the tenant's cloud sign-in (its rotation policy), which decides for domains a plan names no sign-in for; attended everywhere when null.</summary>
    public Core.Rotation.CloudSignInPolicy? TenantSignIn { get; init; }

    /// <summary>Validates the plan and, when valid, reads the tenant and says what a rollout would change.</summary>
    /// <param name="planJson">The plan document.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The preview; only <see cref="PlanPreview.PlanErrors"/> when the plan is invalid.</returns>
    public async Task<PlanPreview> PreviewAsync(string planJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planJson);
        var read = RolloutPlanReader.Read(planJson);
        if (!read.IsValid)
        {
            return new PlanPreview { PlanErrors = read.Errors };
        }

        var plan = read.Plan!;
        if (plan.TenantId != graph.Options.TenantId)
        {
            return new PlanPreview { PlanErrors = [new ValidationError("tenantId", $"the plan is for tenant {plan.TenantId}, but the connection is to tenant {graph.Options.TenantId}")] };
        }

        var toCreate = new List<string>();
        var resolved = await new GroupResolver(graph, loggers.CreateLogger<GroupResolver>()).ResolveAsync(ResolveRingGroupsInput.For(plan), cancellationToken, dryRun: true);
        if (!resolved.IsResolved)
        {
            return new PlanPreview { PlanErrors = resolved.Errors };
        }

        toCreate.AddRange(resolved.Created);
        if (plan.AllGroupNames.Count > 0)
        {
            plan = plan.WithResolvedGroups(resolved.GroupIds, dropUnknown: true);
        }

        LogPreviewing(plan.ProfileName, plan.Rings.Count, plan.Domains.Count);
        var kerberosPreview = await ReadKerberosAsync(plan, cancellationToken);
        var catalog = new SettingsCatalogProfile(graph.Beta, loggers.CreateLogger<SettingsCatalogProfile>());
        var scan = await new PolicyConflictScanner(graph.Beta, catalog, loggers.CreateLogger<PolicyConflictScanner>())
            .ScanAsync(plan.ProfileName, plan.AllGroupIds, cancellationToken);
        var (profile, assignments) = await ReadProfileAsync(plan, catalog, cancellationToken);
        var (readiness, ringUsers) = await ReadReadinessAsync(plan, cancellationToken);
        var onPremisesPreview = onPremises is null ? null : await new OnPremisesReadinessReader(onPremises).ReadAsync(plan.Domains, ringUsers, cancellationToken);
        var analyses = await AnalyzeRingsAsync(plan, cancellationToken);

        var blockers = MigrationConflicts.Outstanding(scan.Conflicts, analyses).Select(c => $"policy '{c.PolicyName}' ({c.PolicyId}): {string.Join("; ", c.Reasons)}")
            .Concat(kerberosPreview.Domains.Where(d => d.State is KerberosServerState.Unhealthy or KerberosServerState.Unreadable).Select(d => $"Kerberos server in {d.Domain}: {d.Detail}"))
            .Concat(analyses.SelectMany(a => a.Blockers))
            .Concat(Judged(onPremisesPreview, plan.Readiness, FindingSeverity.Block))
            .ToList();
        LogPreviewed(plan.ProfileName, profile.Change, profile.Settings.Count, scan.Conflicts.Count, blockers.Count);
        return new PlanPreview
        {
            Profile = profile,
            Assignments = AssignmentPreview.For(plan.Rings, assignments.Groups, assignments.OtherTargets),
            Kerberos = kerberosPreview,
            Conflicts = new ConflictPreview(scan.Conflicts, scan.PoliciesExamined),
            Readiness = readiness,
            GroupsToCreate = toCreate,
            Analyses = analyses,
            Blockers = blockers,
            OnPremises = onPremisesPreview,
            Warnings = [.. Judged(onPremisesPreview, plan.Readiness, FindingSeverity.Warn)],
            ReadinessPolicy = plan.Readiness,
            CloudSignIn = plan.Domains.ToDictionary(d => d, d => CloudSignInModes.Name((plan.CloudSignIn ?? TenantSignIn ?? Core.Rotation.CloudSignInPolicy.AttendedEverywhere).For(d)), StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>The on-premises findings the plan's <c>readiness</c> setting gives <paramref name="severity"/> (as the rollout's preflight judges them).</summary>
    private static IEnumerable<string> Judged(OnPremisesPreview? preview, OnPremisesReadinessPolicy policy, FindingSeverity severity)
        => preview is null ? []
            : (policy.DomainControllers == severity ? preview.Blockers : []).Concat(policy.PrivilegedUsers == severity ? preview.Warnings : []);

    private async Task<IReadOnlyList<RingAnalysis>> AnalyzeRingsAsync(RolloutPlan plan, CancellationToken cancellationToken)
    {
        var read = await new ReadHelloSourcesActivity(graph, groupPolicies, time, loggers).RunAsync(HelloSourcesInput.For(plan), cancellationToken);
        return RingAnalyzer.AnalyzeAll(plan, read);
    }

    private async Task<KerberosPreview> ReadKerberosAsync(RolloutPlan plan, CancellationToken cancellationToken)
    {
        var readings = new List<KerberosServerReading>();
        foreach (var domain in plan.Domains)
        {
            readings.Add(await kerberos.ReadAsync(domain, plan.CloudSignIn?.For(domain), cancellationToken));
        }

        return new KerberosPreview(readings);
    }

    private async Task<(ProfilePreview Profile, CurrentAssignments Assignments)> ReadProfileAsync(RolloutPlan plan, SettingsCatalogProfile catalog, CancellationToken cancellationToken)
    {
        if (plan.ProfileMode == ProfileMode.SettingsCatalog)
        {
            var profile = await catalog.PreviewAsync(plan.ProfileName, plan.RequireSecurityDevice, plan.Hello, cancellationToken);
            var assignments = profile.PolicyId is { } id
                ? await new RingAssignments(graph.Beta, loggers.CreateLogger<RingAssignments>()).ReadAsync(id, cancellationToken)
                : CurrentAssignments.None;
            return (profile, assignments);
        }

        var custom = new CustomOmaUriProfile(graph, loggers.CreateLogger<CustomOmaUriProfile>());
        var customProfile = await custom.PreviewAsync(plan.ProfileName, plan.TenantId, plan.RequireSecurityDevice, plan.Hello, cancellationToken);
        var customAssignments = customProfile.PolicyId is { } customId ? await custom.ReadAssignmentsAsync(customId, cancellationToken) : CurrentAssignments.None;
        return (customProfile, customAssignments);
    }

    private async Task<(ReadinessPreview Preview, IReadOnlyList<(string Ring, IReadOnlyCollection<string> Users)> RingUsers)> ReadReadinessAsync(RolloutPlan plan, CancellationToken cancellationToken)
    {
        var reader = new FleetReadinessReader(graph, new GroupDeviceIds(graph), time, loggers.CreateLogger<FleetReadinessReader>());
        var tallies = await reader.ReadRingsAsync([.. plan.Rings.Select(r => r.GroupIds)], RolloutWorkflow.StaleAfter, RolloutWorkflow.SampleLimit, cancellationToken, keepNames: onPremises is not null);
        return (
            new ReadinessPreview(RolloutWorkflow.StaleAfter, [.. plan.Rings.Select((r, i) => tallies[i].ToPreview(r.Name))]),
            [.. plan.Rings.Select((r, i) => (r.Name, (IReadOnlyCollection<string>)[.. tallies[i].UserPrincipalNames]))]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Previewing plan for profile {Name}: {Rings} ring(s), {Domains} domain(s)")]
    private partial void LogPreviewing(string name, int rings, int domains);

    [LoggerMessage(Level = LogLevel.Information, Message = "Preview of {Name}: profile {Change} ({Settings} setting(s)), {Conflicts} conflict(s), {Blockers} blocker(s)")]
    private partial void LogPreviewed(string name, ProfileChange change, int settings, int conflicts, int blockers);
}
