using System.CommandLine;
using CloudTrust.Cli.Simulated;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Commands;

/// <summary>The <c>--settings F</c> / <c>--simulated</c> choice of the commands that reach a tenant.</summary>
internal static class TenantChoice
{
    public static Option<string?> Settings { get; } = new("--settings") { Description = $"The tenant settings (JSON, no secrets; a client secret comes from {TenantSettings.ClientSecretVariable})." };

    public static Option<bool> Simulated { get; } = new("--simulated") { Description = $"Use the simulated tenant a running 'cloudtrust simulator' serves (./{SimulatedTenantOptions.DefaultDirectory}/tenant.json)." };

    public static void AddTo(Command command)
    {
        command.Options.Add(Settings);
        command.Options.Add(Simulated);
    }

    /// <summary>Reads the chosen settings file.</summary>
    /// <exception cref="InvalidInputException">Neither or both chosen, or the file is missing or invalid.</exception>
    public static TenantSettings Read(ParseResult parse)
    {
        var path = parse.GetValue(Settings);
        var simulated = parse.GetValue(Simulated);
        if (path is not null && simulated)
        {
            throw new InvalidInputException("settings", [new ValidationError("--settings", "give either --settings or --simulated, not both")]);
        }

        if (simulated)
        {
            var defaultPath = Path.Combine(SimulatedTenantOptions.DefaultDirectory, "tenant.json");
            if (!File.Exists(defaultPath))
            {
                throw new InvalidInputException("settings", [new ValidationError("--simulated", $"no simulator settings at '{Path.GetFullPath(defaultPath)}'; start one in this directory with 'cloudtrust simulator'")]);
            }

            return TenantSettings.Read(defaultPath);
        }

        return path is null
            ? throw new InvalidInputException("settings", [new ValidationError("--settings", "required: the tenant settings file (or --simulated for a running 'cloudtrust simulator')")])
            : TenantSettings.Read(path);
    }
}
