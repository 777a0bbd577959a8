using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Communications;
using SecComms.Cli.Output;

namespace SecComms.Cli.Advisories;

/// <summary><c>seccomms advisories</c>: the machine-readable forms of a release's advisories.</summary>
internal static class AdvisoryCommands
{
    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("advisories",
        "Export advisories as CSAF 2.0, OSV or CVE JSON 5.x with the SecComms API (needs --url and --token).",
        api => [Export(host, api)]);

    private static Command Export(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.Create();
        var format = new Option<string>("--format")
        {
            Description = "csaf (CSAF 2.0), osv (OSV) or cve (a CVE JSON 5.x record).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("csaf", "osv", "cve");
        var output = new Option<FileInfo?>("--output") { Description = "Write the document to this file instead of standard output." };
        var json = JsonOption.Create();
        var command = new Command("export", "Export an advisory generated for a security release; a draft until it is published.")
        {
            id, format, output, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var document = await client.GetAsync($"api/v1/communications/{guid}/exports/{parsed.GetValue(format)}", cancellationToken);
            if (parsed.GetValue(output) is { } file)
            {
                await using var writer = file.CreateText();
                CliJson.Write(writer, document);
                if (parsed.GetValue(json))
                {
                    CliJson.Write(host.Out, new { path = file.FullName });
                }
                else
                {
                    await host.Out.WriteLineAsync($"Wrote {file.FullName}.");
                }
            }
            else
            {
                CliJson.Write(host.Out, document);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
