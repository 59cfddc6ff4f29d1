using System.Reflection;
using System.Text.RegularExpressions;

namespace CloudTrust.Api.Tests;

/// <summary>
/// The Functions project cannot be built here, so its sources are read: every activity in the name table has exactly
/// one activity function declared through that table, every workflow has its orchestrator, every HTTP function needs a
/// function key, and no two functions share a name.
/// </summary>
public sealed partial class FunctionsSourceTests
{
    private static readonly string FunctionsDirectory = Path.Combine(RepositoryRoot(), "src", "CloudTrust.Functions");

    [Fact]
    public void Each_activity_in_the_table_has_exactly_one_activity_function_declared_through_the_table()
    {
        var source = File.ReadAllText(Path.Combine(FunctionsDirectory, "Activities", "WorkflowActivities.cs"));
        var declared = FunctionAttribute().Matches(source).Select(m => m.Groups["name"].Value).ToList();
        var constants = typeof(FunctionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && FunctionNames.Activities.Select(FunctionNames.FunctionFor).Contains((string)f.GetRawConstantValue()!))
            .Select(f => "Api.FunctionNames." + f.Name)
            .ToList();

        Assert.Equal(FunctionNames.Activities.Count, constants.Count);
        Assert.Equal(constants.Order(), declared.Order());
        Assert.Equal(declared.Count, ActivityTrigger().Matches(source).Count);
    }

    [Fact]
    public void Each_workflow_has_its_orchestrator_and_function_names_are_unique_and_http_needs_a_function_key()
    {
        var sources = Directory.GetFiles(FunctionsDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var orchestrators = File.ReadAllText(Path.Combine(FunctionsDirectory, "Orchestrators", "WorkflowOrchestrators.cs"));
        var names = sources.SelectMany(s => FunctionAttribute().Matches(s)).Select(m => m.Groups["name"].Value).ToList();
        var httpTriggers = sources.SelectMany(s => HttpTrigger().Matches(s)).Select(m => m.Groups["level"].Value).ToList();

        Assert.Equal(["EnsureKerberosServersWorkflow.Name", "KeyRotationWorkflow.Name", "RolloutWorkflow.Name"], FunctionAttribute().Matches(orchestrators).Select(m => m.Groups["name"].Value).Order());
        Assert.Equal(FunctionNames.Orchestrators.Count, OrchestrationTrigger().Matches(orchestrators).Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(7, httpTriggers.Count);
        Assert.All(httpTriggers, level => Assert.Equal("Function", level));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudTrust.slnf")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CloudTrust.slnf not found above the test output");
    }

    [GeneratedRegex(@"\[Function\((?<name>[^)]+)\)\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"\(\[ActivityTrigger\] [A-Z]\w* \w+")]
    private static partial Regex ActivityTrigger();

    [GeneratedRegex(@"\(\[OrchestrationTrigger\] TaskOrchestrationContext \w+")]
    private static partial Regex OrchestrationTrigger();

    [GeneratedRegex(@"\[HttpTrigger\(AuthorizationLevel\.(?<level>\w+)")]
    private static partial Regex HttpTrigger();
}
