using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Commands;

/// <summary>Reads a plan file for a command: missing file, malformed JSON or an invalid plan become bad input naming the place.</summary>
internal static class PlanFile
{
    public static async Task<(string Json, RolloutPlan Plan)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException("plan", [new ValidationError("plan", $"no file at '{Path.GetFullPath(path)}'")]);
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        var read = RolloutPlanReader.Read(json);
        if (!read.IsValid)
        {
            throw new InvalidInputException("plan", [.. read.Errors.Select(e => e with { Path = string.IsNullOrEmpty(e.Path) ? Path.GetFileName(path) : e.Path })]);
        }

        return (json, read.Plan!);
    }
}
