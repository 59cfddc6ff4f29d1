namespace CloudTrust.Cli.Output;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside the target (same folder, so the rename is atomic),
/// then renamed over it. A failure or a stop leaves the old file, and no temporary file behind.
/// </summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <param name="option">The option that named the file (<c>--out</c>), for the error.</param>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="cancellationToken">Stops the write (the target is left as it was).</param>
    /// <returns>The target's full path.</returns>
    /// <exception cref="Core.Validation.InvalidInputException">The target is a folder, or its folder cannot be written.</exception>
    public static async Task<string> WriteAsync(string option, string path, Func<TextWriter, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw OutputDirectory.Invalid(option, $"'{full}' is a folder; name a file, for example '{Path.Combine(path, "report.html")}'");
        }

        var folder = OutputDirectory.Prepare(option, Path.GetDirectoryName(full)!);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var writer = new StreamWriter(temporary))
            {
                await write(writer, cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
            return full;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw OutputDirectory.Invalid(option, $"cannot write '{full}' ({ex.Message.TrimEnd('.')})");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes text whole or not at all.</summary>
    /// <param name="option">The option that named the file.</param>
    /// <param name="path">The target file.</param>
    /// <param name="text">The content.</param>
    /// <returns>The target's full path.</returns>
    public static string WriteText(string option, string path, string text)
        => WriteAsync(option, path, (w, _) => w.WriteAsync(text), CancellationToken.None).GetAwaiter().GetResult();
}
