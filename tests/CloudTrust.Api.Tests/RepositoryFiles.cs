namespace CloudTrust.Api.Tests;

/// <summary>Finds the repository's files from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root()
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
}
