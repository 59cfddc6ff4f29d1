namespace CloudTrust.Rollout.Tests.Support;

/// <summary>Files of the repository the tests run from.</summary>
internal static class Repository
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "CloudTrust.slnf")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("not inside the repository");
    }

    public static string Text(string relative) => System.IO.File.ReadAllText(File(relative));
}
