using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Tenant;

/// <summary>Reads the optional sections of the settings file (<c>graphAddress</c>, <c>credential</c>, <c>simulatedClock</c>, <c>rotationPolicy</c>), each error with its path.</summary>
internal static class TenantSettingsSections
{
    private static readonly string KindNames = string.Join(", ", Enum.GetValues<CredentialKind>().Select(Camel));

    public static CredentialSettings Credential(JsonElement root, string settingsDirectory, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("credential", out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return CredentialSettings.ClientSecret;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("credential", "must be an object: { \"kind\": … }"));
            return CredentialSettings.ClientSecret;
        }

        var kind = CredentialKind.ClientSecret;
        if (section.TryGetProperty("kind", out var kindElement))
        {
            var text = kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString() : null;
            var match = Enum.GetValues<CredentialKind>().Where(k => string.Equals(Camel(k), text, StringComparison.Ordinal)).ToList();
            if (match.Count == 0)
            {
                errors.Add(new ValidationError("credential.kind", $"must be one of {KindNames}"));
                return CredentialSettings.ClientSecret;
            }

            kind = match[0];
        }

        var certificate = OptionalText(section, "certificatePath", "credential.certificatePath", errors);
        var identity = OptionalText(section, "managedIdentityClientId", "credential.managedIdentityClientId", errors);
        if (kind == CredentialKind.ClientCertificate)
        {
            if (certificate is null)
            {
                errors.Add(new ValidationError("credential.certificatePath", "required when kind is clientCertificate (a PEM or PFX file with the private key)"));
            }
            else
            {
                certificate = Path.IsPathRooted(certificate) ? certificate : Path.Combine(settingsDirectory, certificate);
                if (!File.Exists(certificate))
                {
                    errors.Add(new ValidationError("credential.certificatePath", $"no file at '{certificate}'"));
                }
            }
        }
        else if (certificate is not null)
        {
            errors.Add(new ValidationError("credential.certificatePath", "only for kind clientCertificate"));
        }

        if (identity is not null && kind != CredentialKind.ManagedIdentity)
        {
            errors.Add(new ValidationError("credential.managedIdentityClientId", "only for kind managedIdentity"));
        }
        else if (identity is not null && !Guid.TryParse(identity, out _))
        {
            errors.Add(new ValidationError("credential.managedIdentityClientId", "not a GUID"));
        }

        return new CredentialSettings(kind, certificate, identity);
    }

    public static SimulatedClockSettings? SimulatedClock(JsonElement root, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("simulatedClock", out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("simulatedClock", "must be an object: { anchorUtc, simulatedStart, factor }"));
            return null;
        }

        var anchor = Instant(section, "anchorUtc", errors);
        var start = Instant(section, "simulatedStart", errors);
        double? factor = null;
        if (!section.TryGetProperty("factor", out var factorElement) || factorElement.ValueKind != JsonValueKind.Number || !factorElement.TryGetDouble(out var value) || value < 1)
        {
            errors.Add(new ValidationError("simulatedClock.factor", "must be a number, 1 or more"));
        }
        else
        {
            factor = value;
        }

        return anchor is { } a && start is { } s && factor is { } f ? new SimulatedClockSettings(a, s, f) : null;
    }

    private static DateTimeOffset? Instant(JsonElement section, string name, List<ValidationError> errors)
    {
        if (section.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        errors.Add(new ValidationError("simulatedClock." + name, "must be a date and time (ISO 8601, e.g. 2026-11-23T08:00:00Z)"));
        return null;
    }

    private static string? OptionalText(JsonElement section, string name, string path, List<ValidationError> errors)
    {
        if (!section.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors.Add(new ValidationError(path, "must be a non-empty string"));
            return null;
        }

        return element.GetString();
    }

    /// <summary>Reads <c>rotationPolicy</c>: a path to an existing file, relative to the settings file; null when not set.</summary>
    public static string? RotationPolicyPath(JsonElement root, string settingsDirectory, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("rotationPolicy", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors.Add(new ValidationError("rotationPolicy", "must be the path of a rotation policy file (docs/ROTATION.md)"));
            return null;
        }

        var path = Path.IsPathRooted(element.GetString()!) ? element.GetString()! : Path.Combine(settingsDirectory, element.GetString()!);
        if (!File.Exists(path))
        {
            errors.Add(new ValidationError("rotationPolicy", $"no file at '{path}'"));
            return null;
        }

        return path;
    }

    private static string Camel(CredentialKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
}
