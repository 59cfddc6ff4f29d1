using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CloudTrust.Engine.Execution;

/// <summary>
/// Names the engine that runs an instance (machine, process id, process start time, engine id), so that another
/// engine can tell a live owner from one whose process was killed or which was disposed.
/// </summary>
internal static class ProcessIdentity
{
    private static readonly ConcurrentDictionary<string, byte> LiveEngines = new(StringComparer.Ordinal);

    public static string Current { get; } = Describe(Process.GetCurrentProcess());

    /// <summary>Creates an owner name for a new engine in this process and marks it live.</summary>
    public static string NewEngineOwner()
    {
        var owner = $"{Current}/{Guid.NewGuid():N}";
        LiveEngines[owner] = 0;
        return owner;
    }

    /// <summary>Marks an engine of this process as gone.</summary>
    public static void Retire(string owner) => LiveEngines.TryRemove(owner, out _);

    public static bool IsAliveOwner(string owner)
    {
        var parts = owner.Split('/');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        var process = string.Join('/', parts[..3]);
        if (process == Current)
        {
            return LiveEngines.ContainsKey(owner);
        }

        if (!string.Equals(parts[0], Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return true; // another machine's process: we cannot tell, so assume it lives
        }

        try
        {
            using var other = Process.GetProcessById(pid);
            return !other.HasExited && Describe(other) == process;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(Process process)
        => string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{process.Id}/{process.StartTime.ToUniversalTime().Ticks}");
}
