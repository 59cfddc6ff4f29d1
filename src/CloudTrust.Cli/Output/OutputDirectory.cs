using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Output;

/// <summary>A folder a command writes into, checked before anything is written: created when missing, and proven writable.</summary>
internal static class OutputDirectory
{
    /// <summary>Creates the folder if needed and checks that a file can be created in it.</summary>
    /// <param name="option">The option that named it (<c>--dir</c>), for the error.</param>
    /// <param name="path">The folder.</param>
    /// <returns>Its full path.</returns>
    /// <exception cref="InvalidInputException">It is a file, cannot be created, or is read-only.</exception>
    public static string Prepare(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw Invalid(option, $"'{full}' is a file, not a folder");
        }

        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".cloudtrust-write-check-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw Invalid(option, $"cannot write to '{full}' ({ex.Message.TrimEnd('.')}); choose a folder you can write to");
        }

        return full;
    }

    internal static InvalidInputException Invalid(string option, string message) => new(option, [new ValidationError(option, message)]);
}
