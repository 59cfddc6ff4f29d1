using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Time;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine;
using CloudTrust.Integrations.History;
using CloudTrust.Integrations.Relay;

using CloudTrust.Simulator.Hosting;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The KeyRotation workflow through the real engine (SQLite journal, accelerated clock) and the real relay path:
/// sender → simulated Azure Relay → agent listener → simulated AD.
/// </summary>
public sealed partial class KeyRotationWorkflowTests
{
    private const string Root = "contoso.com";
    private const string Child = "emea.contoso.com";

    [Fact]
    public async Task A_due_run_rotates_the_old_key_skips_the_young_one_and_keeps_both_in_the_history()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        run.Seed(Child, ageDays: 5);

        var report = await run.RotateAsync(RotationMode.Due, Policy());

        var root = report.Attempts.Single(a => a.Domain == Root);
        var child = report.Attempts.Single(a => a.Domain == Child);
        Assert.Equal(RotationOutcome.Rotated, root.Outcome);
        Assert.True(root.NewKeyVersion > root.OldKeyVersion);
        Assert.Equal(root.NewKeyVersion, root.CloudKeyVersion);
        Assert.True(root.NewKeyUpdatedOn > root.OldKeyUpdatedOn);
        Assert.Equal(RotationOutcome.Skipped, child.Outcome);
        Assert.StartsWith("the key is 5 days old", child.Reason, StringComparison.Ordinal);
        Assert.Equal(1, run.Env.Directory.RotationsOf(Root));
        Assert.Equal(0, run.Env.Directory.RotationsOf(Child));

        var history = run.History.Query();
        Assert.Equal(2, history.Count);
        Assert.Equal(root.NewKeyVersion, run.History.LastRotations()[Root].NewKeyVersion);
        Assert.False(run.History.LastRotations().ContainsKey(Child));

        // No secret the run used (all planted in Key Vault with the canary) is in the logs, journal or history.
        var files = string.Concat(Directory.GetFiles(run.Env.StateDirectory, "*.db*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains(Root, files, StringComparison.Ordinal);
        var everything = run.Env.EverythingLogged() + files;
        foreach (var secret in run.Env.SecretForms())
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_domain_whose_cloud_half_lags_is_polled_until_it_converges()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        run.Seed(Child, ageDays: 200, cloudLags: true);

        var id = await run.StartAsync(RotationMode.Now, Policy());
        await run.Engine.WaitUntilAsync(id, i => i.CustomStatus?.Contains("waiting for the cloud", StringComparison.Ordinal) == true, Timeouts.Token);
        run.Env.Directory.SyncCloud(Child);
        var report = await run.FinishAsync(id);

        Assert.All(report.Attempts, a => Assert.Equal(RotationOutcome.Rotated, a.Outcome));
        var child = report.Attempts.Single(a => a.Domain == Child);
        Assert.Equal(child.NewKeyVersion, child.CloudKeyVersion);
        Assert.Equal(1, run.Env.Directory.RotationsOf(Child));
    }

    [Fact]
    public async Task A_domain_that_never_converges_fails_with_both_versions_while_the_others_finish()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        run.Seed(Child, ageDays: 200, cloudLags: true);

        var report = await run.RotateAsync(RotationMode.Now, Policy(deadlineMinutes: 20, pollMinutes: 5));

        var child = report.Attempts.Single(a => a.Domain == Child);
        Assert.Equal(RotationOutcome.Failed, child.Outcome);
        Assert.Contains($"KeyVersion {child.NewKeyVersion}, CloudKeyVersion {child.CloudKeyVersion}", child.Reason, StringComparison.Ordinal);
        Assert.NotEqual(child.NewKeyVersion, child.CloudKeyVersion);
        Assert.Equal(RotationOutcome.Rotated, report.Attempts.Single(a => a.Domain == Root).Outcome);
        Assert.Single(report.Failed);
    }

    [Fact]
    public async Task A_channel_dropped_mid_rotation_is_retried_without_rotating_twice()
    {
        // A slower clock here: the workflow's retry delays (5 s, 10 s, 20 s) must leave the agent real time to reconnect.
        await using var run = await RotationRun.StartAsync(senderAttempts: 1, dropFirstRotationAnswer: true, clockFactor: 10);
        run.Seed(Root, ageDays: 200);

        var report = await run.RotateAsync(RotationMode.Now, Policy(), [Root]);

        Assert.True(report.Attempts.Single().Outcome == RotationOutcome.Rotated, report.Attempts.Single().Reason);
        Assert.Equal(1, run.Env.Directory.RotationsOf(Root));
        Assert.True(run.RotationCalls >= 2, $"the rotation activity ran {run.RotationCalls} time(s)");
    }

    [Fact]
    public async Task An_agent_restarted_mid_rotation_answers_the_retry_from_its_journal_without_rotating_again()
    {
        await using var run = await RotationRun.StartAsync(senderAttempts: 1, dropFirstRotationAnswer: true, clockFactor: 10, restartAgentAfterFirstRotation: true);
        run.Seed(Root, ageDays: 200);

        var report = await run.RotateAsync(RotationMode.Now, Policy(), [Root]);

        Assert.True(report.Attempts.Single().Outcome == RotationOutcome.Rotated, report.Attempts.Single().Reason);
        Assert.Equal(1, run.Env.Directory.RotationsOf(Root));
        Assert.True(run.RotationCalls >= 2, $"the rotation activity ran {run.RotationCalls} time(s)");
        ReliabilityLedger.Record("agent-faults", "agent restarted mid-rotation", run.RotationCalls, duplicates: run.Env.Directory.RotationsOf(Root) - 1);
    }

    [Fact]
    public async Task A_key_vault_outage_of_a_minute_delays_the_rotation_but_loses_and_repeats_nothing()
    {
        // The tenant's clock runs 10x: a simulated minute without Key Vault is six real seconds, longer than the SDK's own retries.
        var serverClock = new AcceleratedTimeProvider(DateTimeOffset.UtcNow, 10);
        await using var run = await RotationRun.StartAsync(clockFactor: 10, serverClock: serverClock);
        run.Seed(Root, ageDays: 200);
        run.Env.Server.Faults.Outage("/secrets/", TimeSpan.FromMinutes(1));

        var report = await run.RotateAsync(RotationMode.Now, Policy(), [Root]);

        Assert.True(report.Attempts.Single().Outcome == RotationOutcome.Rotated, report.Attempts.Single().Reason);
        Assert.Equal(1, run.Env.Directory.RotationsOf(Root));
        Assert.True(run.Env.Server.Faults.Injected(FaultKind.ServiceUnavailable) > 0, "the outage never hit a request");
        run.Env.AssertNoSecretLeaked("key rotation through a Key Vault outage");
        ReliabilityLedger.Record("agent-faults", "Key Vault unavailable for a minute", run.Env.Server.Faults.Injected(FaultKind.ServiceUnavailable), duplicates: run.Env.Directory.RotationsOf(Root) - 1);
    }

    [Fact]
    public async Task A_second_trigger_while_a_run_is_unfinished_is_refused()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        var first = await run.StartAsync(RotationMode.Due, Policy() with { RequireApproval = true });
        await run.Engine.WaitUntilAsync(first, i => i.CustomStatus?.Contains("awaiting approval", StringComparison.Ordinal) == true, Timeouts.Token);

        var ex = await Assert.ThrowsAsync<InstanceConflictException>(() => run.StartAsync(RotationMode.Due, Policy()));
        Assert.Contains(first, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.Env.Directory.RotationsOf(Root));

        await run.Engine.RaiseEventAsync(first, RotationActivities.ApprovalEvent, new RotationApproval(true, "alice@contoso.com"));
        var report = await run.FinishAsync(first);
        Assert.Equal(RotationOutcome.Rotated, report.Attempts.Single(a => a.Domain == Root).Outcome);
        Assert.Equal(1, run.Env.Directory.RotationsOf(Root));
    }

    [Fact]
    public async Task A_declined_approval_skips_every_domain_and_a_freeze_rotates_nothing()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        var id = await run.StartAsync(RotationMode.Now, Policy() with { RequireApproval = true }, [Root]);
        await run.Engine.WaitUntilAsync(id, i => i.CustomStatus?.Contains("awaiting approval", StringComparison.Ordinal) == true, Timeouts.Token);
        await run.Engine.RaiseEventAsync(id, RotationActivities.ApprovalEvent, new RotationApproval(false, "bob@contoso.com"));
        var declined = await run.FinishAsync(id);

        var frozen = await run.RotateAsync(RotationMode.Now, Policy() with { Freeze = true }, [Root]);

        Assert.Equal("rotation was declined by bob@contoso.com", declined.Attempts.Single().Reason);
        Assert.Equal("a rotation freeze is on", frozen.Attempts.Single().Reason);
        Assert.Equal(0, run.Env.Directory.RotationsOf(Root));
    }

    private static RotationPolicy Policy(int deadlineMinutes = 120, int pollMinutes = 5)
        => new("0 0 3 * * 0", TimeSpan.FromDays(90), [], null, false, false, TimeSpan.FromMinutes(deadlineMinutes), TimeSpan.FromMinutes(pollMinutes), CloudSignInPolicy.PasswordEverywhere);

    /// <summary>One test's relay environment, engine on an accelerated clock, and history file.</summary>
    private sealed class RotationRun : IAsyncDisposable
    {
        private int rotationCalls;

        private RotationRun(RelayTestEnvironment env) => Env = env;

        public RelayTestEnvironment Env { get; }

        public WorkflowEngine Engine { get; private set; } = null!;

        public SqliteRotationHistory History { get; private set; } = null!;

        public int RotationCalls => Volatile.Read(ref rotationCalls);

        public static async Task<RotationRun> StartAsync(int senderAttempts = 4, bool dropFirstRotationAnswer = false, double clockFactor = 600, bool restartAgentAfterFirstRotation = false, TimeProvider? serverClock = null)
        {
            var run = new RotationRun(await RelayTestEnvironment.StartAsync(serverClock: serverClock));
            var sender = run.Env.CreateSender(senderAttempts);
            var rotate = new RotateKerberosServerKeyActivity(sender);
            run.History = new SqliteRotationHistory(Path.Combine(run.Env.StateDirectory, "history.db"));
            var registry = new WorkflowRegistry()
                .AddWorkflow<RotationRequest, RotationReport>(KeyRotationWorkflow.Name, new KeyRotationWorkflow())
                .AddActivity<KerberosDomainRequest, KerberosServerObject>(RotationActivities.ReadKerberosServer, new ReadKerberosServerActivity(sender))
                .AddActivity<KerberosDomainRequest, KerberosServerObject>(RotationActivities.RotateKerberosServerKey, (input, ct) =>
                {
                    // Fault injection at the moment that matters: the agent rotates, then the relay drops the answer.
                    var first = Interlocked.Increment(ref run.rotationCalls) == 1;
                    if (first && dropFirstRotationAnswer)
                    {
                        run.Env.Relay.DropControlChannelOnNextResponse();
                    }

                    return first && restartAgentAfterFirstRotation ? RestartAgentAfterAsync(run, rotate.RunAsync(input, ct)) : rotate.RunAsync(input, ct);
                })
                .AddActivity<RotationAttempt, bool>(RotationActivities.RecordRotationAttempt, new RecordRotationAttemptActivity(run.History))
                .AddActivity<KerberosDomainRequest, LastRotation>(RotationActivities.ReadLastRotation, new ReadLastRotationActivity(run.History))
                .AddActivity<KerberosDomainRequest, KerberosDirectoryObject>(RotationActivities.ReadKerberosServerDirectory, new ReadKerberosServerDirectoryActivity(sender))
                .AddActivity<AttendedKerberosRequest, AttendedOperation>(RotationActivities.QueueAttendedKerberosOperation, new QueueAttendedKerberosOperationActivity(sender))
                .AddActivity<AttendedRequestRef, AttendedOperation>(RotationActivities.ReadAttendedKerberosOperation, new ReadAttendedKerberosOperationActivity(sender))
                .AddActivity<AttendedRequestRef, AttendedOperation>(RotationActivities.CancelAttendedKerberosOperation, new CancelAttendedKerberosOperationActivity(sender));
            var clock = new AcceleratedTimeProvider(DateTimeOffset.UtcNow, clockFactor);
            run.Engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = Path.Combine(run.Env.StateDirectory, "engine.db"), PollInterval = TimeSpan.FromMilliseconds(20) }, clock, run.Env.Loggers);
            return run;
        }

        /// <summary>Lets the rotation happen, then restarts the agent (a new process's parts from its state directory) before the answer counts.</summary>
        private static async Task<KerberosServerObject> RestartAgentAfterAsync(RotationRun run, Task<KerberosServerObject> rotation)
        {
            try
            {
                await rotation;
            }
            catch (Exception)
            {
                // The answer is lost either way: the restart below is what this scenario is about.
            }

            await run.Env.StopAgentAsync();
            await run.Env.StartAgentAsync();
            throw new IOException("the agent restarted before its answer was recorded");
        }

        public void Seed(string domain, int ageDays, bool cloudLags = false)
        {
            var forest = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == domain);
            var updated = DateTimeOffset.UtcNow.AddDays(-ageDays);
            forest.CloudLags = cloudLags;
            forest.Server = new SimulatedKerberosServer
            {
                Id = domain.Length * 1000,
                KeyVersion = 12,
                KeyUpdatedOn = updated,
                KeyUpdatedFrom = forest.DomainControllers[0].HostName,
                CloudId = domain.Length * 1000,
                CloudDomainDnsName = domain,
                CloudKeyVersion = 12,
                CloudKeyUpdatedOn = updated,
            };
            Env.Directory.AddDomain(forest);
        }

        /// <summary>
        /// An administrator's session on the agent's host: what <c>CloudTrust.Agent kerberos complete</c> builds — its own
        /// dispatcher and directory over the agent's state directory, secrets read with the agent's identity.
        /// </summary>
        public (Operations.KerberosOperationDispatcher Dispatcher, SimulatedActiveDirectory Directory) AdminSession()
        {
            var directory = new SimulatedActiveDirectory(Env.DirectoryPath, TimeProvider.System);
            var dispatcher = CloudTrustAgent.CreateDispatcher(new AgentSecretNames(), Env.SecretCache("agent-app", Env.AgentClientSecret), directory, Env.StateDirectory, TimeProvider.System, Env.Loggers);
            return (dispatcher, directory);
        }

        /// <summary>Runs <c>CloudTrust.Agent kerberos …</c> as an administrator would, returning its exit code and output.</summary>
        public async Task<(int Exit, string Output, string Error, SimulatedActiveDirectory Directory)> AdminRunsAsync(params string[] args)
        {
            var session = AdminSession();
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await Attended.AttendedCommand.RunAsync(args, () => session.Dispatcher, output, error, Timeouts.Token);
            return (exit, output.ToString(), error.ToString(), session.Directory);
        }

        /// <summary>Rotations as the directory file holds them now (the service's and the administrator's processes share it).</summary>
        public int RotationsOnDisk(string domain) => new SimulatedActiveDirectory(Env.DirectoryPath, TimeProvider.System).RotationsOf(domain);

        public Task<string> StartAsync(RotationMode mode, RotationPolicy policy, IReadOnlyList<string>? domains = null)
            => Engine.StartExclusiveAsync(KeyRotationWorkflow.Name, new RotationRequest(policy, mode, domains ?? [Root, Child], "test"), $"rotation-{Guid.NewGuid():N}");

        public async Task<RotationReport> FinishAsync(string id)
        {
            var done = await Engine.WaitForCompletionAsync(id, Timeouts.Token);
            Assert.True(done.Status == WorkflowStatus.Completed, $"{done.Status}: {done.Failure}");
            return done.ReadOutputAs<RotationReport>()!;
        }

        public async Task<RotationReport> RotateAsync(RotationMode mode, RotationPolicy policy, IReadOnlyList<string>? domains = null)
            => await FinishAsync(await StartAsync(mode, policy, domains));

        public async ValueTask DisposeAsync()
        {
            await Engine.DisposeAsync();
            History.Dispose();
            await Env.DisposeAsync();
        }
    }
}
