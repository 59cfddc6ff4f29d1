using Microsoft.Data.Sqlite;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// Which tenant a run was started against (the settings file, or the simulator's), kept beside the journal in a table
/// of the command line's own, so commands that only read the journal (<c>rollout status</c>) can print next commands
/// that reach the same tenant. Holds a path, never a secret.
/// </summary>
internal static class RunTenantRecord
{
    private const string Simulated = "simulated";
    private const string Settings = "settings";

    /// <summary>Records the tenant option a run was started with.</summary>
    /// <param name="database">The journal.</param>
    /// <param name="instanceId">The run.</param>
    /// <param name="tenantArguments">The option as given (<c>--settings F</c> or <c>--simulated</c>).</param>
    /// <param name="settingsPath">The settings file it resolved to.</param>
    public static void Save(string database, string instanceId, IReadOnlyList<string> tenantArguments, string settingsPath)
    {
        if (tenantArguments.Count == 0)
        {
            return;
        }

        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS cli_run_tenant (instance_id TEXT PRIMARY KEY, kind TEXT NOT NULL, settings_path TEXT NOT NULL);
            INSERT OR REPLACE INTO cli_run_tenant (instance_id, kind, settings_path) VALUES ($id, $kind, $path);
            """;
        command.Parameters.AddWithValue("$id", instanceId);
        command.Parameters.AddWithValue("$kind", tenantArguments[0] == "--simulated" ? Simulated : Settings);
        command.Parameters.AddWithValue("$path", Path.GetFullPath(settingsPath));
        command.ExecuteNonQuery();
    }

    /// <summary>The tenant option that reaches a run's tenant from the current directory; empty when none was recorded.</summary>
    /// <param name="database">The journal.</param>
    /// <param name="instanceId">The run.</param>
    /// <returns><c>--simulated</c> when this directory's simulator is the one, else <c>--settings F</c>.</returns>
    public static IReadOnlyList<string> Load(string database, string instanceId)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT kind, settings_path FROM cli_run_tenant WHERE instance_id = $id";
            command.Parameters.AddWithValue("$id", instanceId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return [];
            }

            var (kind, path) = (reader.GetString(0), reader.GetString(1));
            var here = Path.GetFullPath(Path.Combine(Cli.Simulated.SimulatedTenantOptions.DefaultDirectory, "tenant.json"));
            if (kind == Simulated && string.Equals(here, path, StringComparison.Ordinal))
            {
                return ["--simulated"];
            }

            var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
            return ["--settings", relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative];
        }
        catch (SqliteException)
        {
            return []; // a journal from before the table existed
        }
    }
}
