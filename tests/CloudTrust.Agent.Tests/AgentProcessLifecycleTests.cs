using System.Diagnostics;
using System.Text;
using CloudTrust.Core.Kerberos;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The agent as it is deployed: its own process (the Generic Host of src/CloudTrust.Agent, configured from
/// <c>Agent__…</c> environment variables only) listening on the simulated relay with its keys from the simulated Key
/// Vault. SIGTERM (what a service manager sends) and SIGINT (Ctrl+C) stop it within 2 seconds, exit code 0, after it
/// closed its control channel with a close handshake.
/// </summary>
public sealed class AgentProcessLifecycleTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task The_agent_process_serves_then_stops_within_two_seconds_of_a_signal(string signal)
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        await env.StopAgentAsync();
        var giveUp = Timeouts.Token;
        while (env.Relay.ListenerCount > 0)
        {
            await Task.Delay(10, giveUp);
        }

        var accepted = env.Relay.ListenersAccepted;
        using var agent = AgentProcess.Start(env);
        await env.WaitForRelayListenerAsync(accepted + 1);

        var answer = await env.CreateSender(maxAttempts: 1).SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);
        var closesBefore = env.Relay.ListenerCloses;
        var watch = Stopwatch.StartNew();
        agent.Signal(signal);
        var exited = await agent.WaitForExitAsync(TimeSpan.FromSeconds(10));
        watch.Stop();

        Assert.Equal(RelayOutcomeKind.Answered, answer.Kind);
        Assert.True(exited, "the agent process did not exit within 10 s of SIG" + signal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the agent took {watch.Elapsed} to stop after SIG{signal}");
        Assert.Equal(0, agent.ExitCode);
        Assert.Equal(closesBefore + 1, env.Relay.ListenerCloses);
        Assert.Equal(0, env.Relay.ListenerCount);
        Assert.DoesNotContain(env.Canary, agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_trusted_certificate_stops_the_agent_with_a_clear_error_and_exit_code_2()
    {
        await using var env = await RelayTestEnvironment.StartAsync();

        using var agent = AgentProcess.Start(env, trustedCertificatePath: Path.Combine(env.StateDirectory, "missing.cer"));
        var exited = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exited);
        Assert.Equal(2, agent.ExitCode);
        Assert.Contains("Agent:TrustedCertificatePath: cannot load", agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", agent.Output, StringComparison.Ordinal);
    }

    /// <summary>The agent's own executable run as a child process against the test environment's simulated tenant.</summary>
    private sealed class AgentProcess : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private readonly Lock gate = new();

        private AgentProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (gate)
                {
                    return output.ToString();
                }
            }
        }

        public int ExitCode => process.ExitCode;

        public static AgentProcess Start(RelayTestEnvironment env, string? trustedCertificatePath = null)
        {
            var certificate = Path.Combine(env.StateDirectory, "simulator.cer");
            File.WriteAllBytes(certificate, env.Server.Certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));

            // A working directory of its own, so no appsettings.json is read: the environment is the whole configuration.
            var workingDirectory = Directory.CreateDirectory(Path.Combine(env.StateDirectory, "agent-process")).FullName;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudTrust.Agent.dll"));
            start.Environment["Agent__RelayAddress"] = env.Server.BaseAddress.ToString();
            start.Environment["Agent__HybridConnectionName"] = RelayTestEnvironment.HybridConnection;
            start.Environment["Agent__ListenRuleName"] = RelayTestEnvironment.ListenRule;
            start.Environment["Agent__VaultUri"] = env.Server.BaseAddress.ToString();
            start.Environment["Agent__TenantId"] = env.Server.Entra.TenantId.ToString();
            start.Environment["Agent__ClientId"] = "agent-app";
            start.Environment["Agent__ClientSecret"] = env.AgentClientSecret;
            start.Environment["Agent__AuthorityHost"] = env.Server.BaseAddress.ToString();
            start.Environment["Agent__TrustedCertificatePath"] = trustedCertificatePath ?? certificate;
            start.Environment["Agent__Backend"] = "Simulated";
            start.Environment["Agent__StateDirectory"] = env.StateDirectory;
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            return new AgentProcess(Process.Start(start)!);
        }

        /// <summary>Sends a POSIX signal, as a service manager (TERM) or Ctrl+C (INT) would.</summary>
        public void Signal(string name)
        {
            CloudTrust.Tests.Shared.PosixSignal.Send(process.Id, name);
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var limit = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }
    }
}
