using System.Diagnostics;

namespace CloudTrust.Tests.Shared;

/// <summary>
/// A Node tool the tests run from the repository (Azurite, Microsoft's hyco-https): where the repository is, and its
/// install through <c>tests/tools/install-npm-tool.sh</c> from the tool's pinned package-lock.json, once per test process
/// (the script itself is quick when the tool is there and serializes parallel test projects).
/// </summary>
/// <param name="folder">The tool's folder under tests/tools (its package.json and package-lock.json).</param>
/// <param name="package">The npm package that proves the install.</param>
/// <param name="neededBy">Who needs it, for the error when it cannot be installed.</param>
public sealed class NodeTool(string folder, string package, string neededBy)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool installed;

    /// <summary>Gets the repository root above the test output.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets the tool's folder.</summary>
    public string Directory => Path.Combine(RepositoryRoot, "tests", "tools", folder);

    /// <summary>Installs the tool when missing.</summary>
    /// <returns>A task that completes when it is installed.</returns>
    public async Task EnsureInstalledAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (installed)
            {
                return;
            }

            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot, "tests", "tools", "install-npm-tool.sh"));
            start.ArgumentList.Add(folder);
            start.ArgumentList.Add(package);
            using var script = Process.Start(start)!;
            var stdout = script.StandardOutput.ReadToEndAsync();
            var stderr = script.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await script.WaitForExitAsync(timeout.Token);
            if (script.ExitCode != 0)
            {
                throw new InvalidOperationException($"{package} is needed by {neededBy} and tests/tools/install-npm-tool.sh could not install it from tests/tools/{folder} (exit {script.ExitCode}): {await stderr}{await stdout}");
            }

            installed = true;
        }
        finally
        {
            gate.Release();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "tools", "install-npm-tool.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no tests/tools/install-npm-tool.sh above {AppContext.BaseDirectory}: run the tests from the repository");
    }
}
