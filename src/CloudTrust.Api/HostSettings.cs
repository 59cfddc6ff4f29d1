using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>
/// The Functions host's app settings (local.settings.sample.json lists each): where the tenant's services are and the
/// rotation policy. None is a secret: the app signs in with its managed identity and reads relay keys from Key Vault.
/// </summary>
/// <param name="TenantId">The Entra tenant.</param>
/// <param name="ManagedIdentityClientId">A user-assigned identity's client id; null for the system-assigned one.</param>
/// <param name="GraphAddress">The Graph base address.</param>
/// <param name="KeyVaultUri">The Key Vault.</param>
/// <param name="RelayAddress">The relay namespace.</param>
/// <param name="HybridConnection">The hybrid connection.</param>
/// <param name="SendRule">The Send-only rule.</param>
/// <param name="RotationPolicy">The rotation policy.</param>
/// <param name="RotationHistoryTableUri">The storage account's table endpoint, where rotation attempts are kept (Flex Consumption has no persistent shared disk).</param>
/// <param name="RotationHistoryTableName">The rotation-history table.</param>
public sealed record HostSettings(
    Guid TenantId,
    string? ManagedIdentityClientId,
    Uri GraphAddress,
    Uri KeyVaultUri,
    Uri RelayAddress,
    string HybridConnection,
    string SendRule,
    RotationPolicy RotationPolicy,
    Uri RotationHistoryTableUri,
    string RotationHistoryTableName)
{
    /// <summary>
    /// Gets a value indicating whether App Service Authentication is on for the app (the platform's
    /// <c>WEBSITE_AUTH_ENABLED</c> setting), so that the principal header it sets can be believed (<see cref="Approver"/>).
    /// </summary>
    public bool AppServiceAuthentication { get; init; }

    /// <summary>Every setting the host reads (besides the Functions runtime's own).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "TenantId", "ManagedIdentityClientId", "GraphAddress", "KeyVaultUri", "RelayAddress", "RelayHybridConnection",
        "RelaySendRule", "RotationSchedule", "RotationPolicy", "RotationHistoryTableUri",
        "RotationHistoryTableName",
    ];

    /// <summary>Reads and checks the settings; every wrong one is named, so the host stops at start-up saying which.</summary>
    /// <param name="setting">Looks a setting up by name.</param>
    /// <returns>The settings, or the errors.</returns>
    public static (HostSettings? Settings, IReadOnlyList<ValidationError> Errors) Read(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var errors = new List<ValidationError>();
        string? Required(string name)
        {
            var value = setting(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new ValidationError(name, "required"));
                return null;
            }

            return value;
        }

        var tenant = ReadGuid("TenantId", Required("TenantId"), errors);
        var identity = setting("ManagedIdentityClientId") is { Length: > 0 } id ? id : null;
        if (identity is not null)
        {
            ReadGuid("ManagedIdentityClientId", identity, errors);
        }

        var graph = ReadHttpsUri("GraphAddress", setting("GraphAddress") is { Length: > 0 } g ? g : "https://graph.microsoft.com/", errors);
        var vault = ReadHttpsUri("KeyVaultUri", Required("KeyVaultUri"), errors);
        var relay = ReadHttpsUri("RelayAddress", Required("RelayAddress"), errors);
        var connection = ReadEntityName("RelayHybridConnection", Required("RelayHybridConnection"), errors);
        var rule = ReadEntityName("RelaySendRule", Required("RelaySendRule"), errors);
        var schedule = Required("RotationSchedule");
        var policy = ReadPolicy(Required("RotationPolicy"), errors);
        if (policy is not null && schedule is not null && !string.Equals(schedule.Trim(), policy.Schedule, StringComparison.Ordinal))
        {
            errors.Add(new ValidationError("RotationSchedule", $"must equal the policy's schedule \"{policy.Schedule}\" (the timer fires on this one, the policy decides on the other)"));
        }

        var tables = ReadHttpsUri("RotationHistoryTableUri", Required("RotationHistoryTableUri"), errors);
        var table = setting("RotationHistoryTableName") is { Length: > 0 } t ? t.Trim() : "RotationHistory";
        if (!IsTableName(table))
        {
            errors.Add(new ValidationError("RotationHistoryTableName", "must be 3 to 63 letters and digits, starting with a letter (Azure Table naming rules)"));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new HostSettings(
                TenantId: tenant!.Value,
                ManagedIdentityClientId: identity,
                GraphAddress: graph!,
                KeyVaultUri: vault!,
                RelayAddress: relay!,
                HybridConnection: connection!,
                SendRule: rule!,
                RotationPolicy: policy!,
                RotationHistoryTableUri: tables!,
                RotationHistoryTableName: table)
            {
                AppServiceAuthentication = string.Equals(setting("WEBSITE_AUTH_ENABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            }, []);
    }

    // learn.microsoft.com, "Understanding the Table service data model", table names.
    private static bool IsTableName(string name)
        => name.Length is >= 3 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    private static Guid? ReadGuid(string name, string? value, List<ValidationError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParseExact(value.Trim(), "D", out var guid))
        {
            return guid;
        }

        errors.Add(new ValidationError(name, "not a GUID"));
        return null;
    }

    private static Uri? ReadHttpsUri(string name, string? value, List<ValidationError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri;
        }

        errors.Add(new ValidationError(name, "must be an absolute https address without credentials"));
        return null;
    }

    private static string? ReadEntityName(string name, string? value, List<ValidationError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length <= 260 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return value;
        }

        errors.Add(new ValidationError(name, "must be up to 260 letters, digits, '-', '_' or '.'"));
        return null;
    }

    private static RotationPolicy? ReadPolicy(string? json, List<ValidationError> errors)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return RotationPolicyReader.Read(json);
        }
        catch (InvalidInputException ex)
        {
            errors.AddRange(ex.Errors.Select(e => e with { Path = e.Path.Length == 0 ? "RotationPolicy" : "RotationPolicy." + e.Path }));
            return null;
        }
    }
}
