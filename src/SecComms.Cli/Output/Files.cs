namespace SecComms.Cli.Output;

internal static class Files
{
    /// <summary>
    /// Writes <paramref name="file"/> through <paramref name="write"/>, first to a temporary file beside it that then
    /// replaces it, so a download that fails halfway never leaves a truncated file that looks complete.
    /// </summary>
    public static async Task<long> WriteAsync(FileInfo file, Func<Stream, Task<long>> write)
    {
        var partial = file.FullName + ".partial";
        try
        {
            long written;
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 81920, useAsync: true))
            {
                written = await write(stream);
            }
            File.Move(partial, file.FullName, overwrite: true);
            return written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"cannot write {file.FullName}: {e.Message}");
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }
}
