namespace SecComms.Cli;

/// <summary>A failure the CLI explains in one line (<c>error: …</c> on stderr) and ends with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException Refused(string message) => new(ExitCodes.Refused, message);
}
