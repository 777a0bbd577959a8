using SecComms.Testing;

namespace SecComms.Cli.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> Lines => Out.TrimEnd('\n').Split('\n');

    public string LastLine => Lines[^1];
}

/// <summary>Runs the real CLI in-process, with captured output, the given environment and, for API commands, a test server.</summary>
internal static class Cli
{
    /// <summary>An empty folder, so no stray <c>appsettings.json</c> (the web host's is copied next to the tests) is picked up.</summary>
    public static readonly string EmptyFolder = Directory.CreateTempSubdirectory("seccomms-cli-test-").FullName;

    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args,
        HttpMessageHandler? handler = null,
        IReadOnlyDictionary<string, string?>? variables = null,
        string input = "",
        string? workingDirectory = null,
        bool terminal = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var host = new CliHost(output, error, stdin, variables ?? new Dictionary<string, string?>(), workingDirectory ?? EmptyFolder, handler,
            Interactive: terminal);
        var exitCode = await CliApp.RunAsync([.. args], host);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>An admin command run against <paramref name="database"/> through <c>--provider</c> and <c>--connection</c>.</summary>
    public static Task<CliResult> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync([.. args, "--provider", database.Provider, "--connection", database.Options.ConnectionString]);

    /// <summary>An API command run as a person at a terminal types <paramref name="input"/>.</summary>
    public static Task<CliResult> RunInTerminalAsync(SecCommsApp app, string token, string input, params string[] args) =>
        RunAsync([.. args, "--url", "http://localhost", "--token", token], app.Server.CreateHandler(), input: input, terminal: true);

    /// <summary>An API command run against the test server with <paramref name="token"/>.</summary>
    public static Task<CliResult> RunAsync(SecCommsApp app, string token, params string[] args) =>
        RunAsync([.. args, "--url", "http://localhost", "--token", token], app.Server.CreateHandler());

    public static void AssertSucceeded(this CliResult result) =>
        Assert.True(result.ExitCode == ExitCodes.Success, $"Exit code {result.ExitCode}.\nstdout:\n{result.Out}\nstderr:\n{result.Error}");

    /// <summary>Asserts the one-line <c>error: …</c> the CLI promises, never a stack trace, and the exit code.</summary>
    public static void AssertFailed(this CliResult result, int exitCode, string expectedMessage)
    {
        Assert.True(result.ExitCode == exitCode, $"Expected exit code {exitCode} but got {result.ExitCode}.\nstdout:\n{result.Out}\nstderr:\n{result.Error}");
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
