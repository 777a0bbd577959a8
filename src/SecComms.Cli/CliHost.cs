using System.Collections;

namespace SecComms.Cli;

/// <summary>What a run of the CLI reads from and writes to: the real console and process, or a test's captured ones.</summary>
/// <param name="Out">Where results go (stdout).</param>
/// <param name="Error">Where errors go (stderr).</param>
/// <param name="In">Where <c>--password-stdin</c> reads from.</param>
/// <param name="Variables">The environment variables (<c>SECCOMMS_*</c>, <c>SECCOMMS__*</c>, plain <c>Database__*</c>).</param>
/// <param name="WorkingDirectory">Where <c>appsettings.json</c> is looked for.</param>
/// <param name="Handler">Sends the API requests; the network when null, a test server's handler in tests.</param>
/// <param name="Colour">Whether output may be coloured: a terminal, and NO_COLOR (https://no-color.org) unset.</param>
/// <param name="Interactive">
/// Whether a person watches the output live, so progress bars may redraw it: a terminal, outside CI and not TERM=dumb.
/// Otherwise long commands print plain lines.
/// </param>
internal sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    IReadOnlyDictionary<string, string?> Variables,
    string WorkingDirectory,
    HttpMessageHandler? Handler = null,
    bool Colour = false,
    bool Interactive = false)
{
    public static CliHost FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.In,
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal),
        Directory.GetCurrentDirectory(),
        Colour: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        Interactive: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb");

    /// <summary>The environment variable's value, or null when it is unset or empty.</summary>
    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
