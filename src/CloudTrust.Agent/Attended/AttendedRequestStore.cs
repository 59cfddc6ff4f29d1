using System.Security.Cryptography;
using System.Text;
using CloudTrust.Agent.Operations;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Attended;

/// <summary>
/// The attended requests of one agent host, in <c>attended.json</c> in the agent's state directory. Two processes
/// share it — the agent service (queues, answers polls, withdraws) and an administrator's
/// <c>CloudTrust.Agent kerberos complete</c> (runs and records) — so every change happens under a lock file and
/// the file is read afresh each time.
/// </summary>
internal sealed class AttendedRequestStore(string stateDirectory, string host, TimeProvider time)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);

    private string FilePath => Path.Combine(stateDirectory, "attended.json");

    /// <summary>Gets the host administrators must sign in on.</summary>
    public string Host => host;

    /// <summary>Derives the short request id an administrator types from the workflow's operation id.</summary>
    public static string RequestIdFor(string operationId)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operationId)))[..12];

    /// <summary>Queues an operation, or returns the request already queued with the same operation id.</summary>
    public Task<AttendedOperation> QueueAsync(string operationId, string domain, string operation, CancellationToken cancellationToken)
        => ChangeAsync(all =>
        {
            var id = RequestIdFor(operationId);
            if (all.TryGetValue(id, out var existing))
            {
                return existing;
            }

            var queued = new AttendedOperation(id, domain, operation, host, AttendedStates.Waiting, time.GetUtcNow(), null, null, null, null, null) { OperationId = operationId };
            all[id] = queued;
            return queued;
        }, cancellationToken);

    /// <summary>Reads one request, or null when this host has none with that id.</summary>
    public Task<AttendedOperation?> GetAsync(string requestId, CancellationToken cancellationToken)
        => ChangeAsync(all => all.GetValueOrDefault(requestId), cancellationToken, write: false);

    /// <summary>Lists the requests still waiting.</summary>
    public Task<IReadOnlyList<AttendedOperation>> WaitingAsync(CancellationToken cancellationToken)
        => ChangeAsync<IReadOnlyList<AttendedOperation>>(all => all.Values.Where(r => r.IsWaiting).OrderBy(r => r.CreatedAt).ToList(), cancellationToken, write: false);

    /// <summary>Withdraws a waiting request; any other is returned as it is (a completed one keeps its result).</summary>
    public Task<AttendedOperation?> CancelAsync(string requestId, CancellationToken cancellationToken)
        => ChangeAsync(all =>
        {
            if (!all.TryGetValue(requestId, out var request))
            {
                return null;
            }

            if (request.IsWaiting)
            {
                request = request with { State = AttendedStates.Cancelled, FinishedAt = time.GetUtcNow() };
                all[requestId] = request;
            }

            return request;
        }, cancellationToken);

    /// <summary>Claims a waiting request for an administrator's run: null when absent, otherwise the request as found (only a waiting one is claimed).</summary>
    public Task<AttendedOperation?> ClaimAsync(string requestId, string userPrincipalName, CancellationToken cancellationToken)
        => ChangeAsync(all =>
        {
            if (!all.TryGetValue(requestId, out var request) || !request.IsWaiting)
            {
                return request;
            }

            var claimed = request with { State = AttendedStates.Running, CompletedBy = userPrincipalName };
            all[requestId] = claimed;
            return claimed;
        }, cancellationToken);

    /// <summary>Records how an administrator's run ended.</summary>
    public Task<AttendedOperation> FinishAsync(string requestId, KerberosOperationResult result, CancellationToken cancellationToken)
        => ChangeAsync(all =>
        {
            var request = all[requestId];
            var finished = request with
            {
                State = result.Succeeded ? AttendedStates.Completed : AttendedStates.Failed,
                FinishedAt = time.GetUtcNow(),
                ErrorCode = result.Succeeded ? null : result.ErrorCode,
                ErrorMessage = result.Succeeded ? null : result.ErrorMessage,
                Server = result.Server,
            };
            all[requestId] = finished;
            return finished;
        }, cancellationToken);

    private async Task<T> ChangeAsync<T>(Func<Dictionary<string, AttendedOperation>, T> change, CancellationToken cancellationToken, bool write = true)
    {
        Directory.CreateDirectory(stateDirectory);
        await using var held = await LockAsync(cancellationToken);
        var all = AtomicJsonFile.Read<Dictionary<string, AttendedOperation>>(FilePath, KerberosJson.Options)
            ?? new Dictionary<string, AttendedOperation>(StringComparer.Ordinal);
        var answer = change(all);
        if (write)
        {
            AtomicJsonFile.Write(FilePath, all, KerberosJson.Options);
        }

        return answer;
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var giveUp = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (time.GetElapsedTime(giveUp) < LockWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }
}
