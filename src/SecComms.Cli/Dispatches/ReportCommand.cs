using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Dispatches;

/// <summary><c>seccomms dispatches report ID</c>: how each organization fared, and every recipient's outcome as CSV.</summary>
internal static class ReportCommand
{
    public static readonly IReadOnlyList<string> Headers = ["ORGANIZATION", "RECIPIENTS", "SENT", "PENDING", "FAILED", "ACKNOWLEDGED", "REACHED"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = DispatchId.Create();
        var unreached = new Option<bool>("--unreached") { Description = "Only the organizations none of whose contacts got the message." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Also save every recipient and their outcome to this CSV file.", HelpName = "file" };
        var json = JsonOption.Create();
        var command = new Command("report", "Show per organization how many contacts were sent the message, are pending, failed or acknowledged.")
        {
            id, unreached, csv, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = DispatchId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var dispatch = client.Read<DispatchDetail>(await client.GetAsync($"api/v1/dispatches/{guid}", cancellationToken));
            var raw = await client.GetAsync($"api/v1/dispatches/{guid}/organizations" + new Query().Add("unreached", parsed.GetValue(unreached) ? "true" : null),
                cancellationToken);
            var saved = parsed.GetValue(csv) is { } file
                ? await Files.WriteAsync(file, stream => client.DownloadAsync($"api/v1/dispatches/{guid}/deliveries.csv", stream, cancellationToken))
                : (long?)null;
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var report = client.Read<OrganizationReport>(raw);
            await host.Out.WriteLineAsync($"{dispatch.Communication} {dispatch.Kind} to {dispatch.Audience}: {Formats.Number(report.Organizations)} organizations, " +
                $"{Formats.Number(report.Reached)} reached, {Formats.Number(report.Acknowledged)} acknowledged.");
            if (report.Items.Count == 0)
            {
                await host.Out.WriteLineAsync(dispatch.Kind == "test" ? "A test send goes to the approvers, not to customers."
                    : parsed.GetValue(unreached) ? "Every organization was reached." : "No recipients.");
            }
            else
            {
                WriteTable(host.Out, report);
            }
            if (saved is { } bytes)
            {
                await host.Out.WriteLineAsync($"Wrote every recipient's outcome to {parsed.GetValue(csv)!.FullName} ({Formats.Bytes(bytes)}).");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, OrganizationReport report) =>
        TextTable.Write(output, report.Items.Select(o => (IReadOnlyList<string>)
            [
                o.Organization,
                Formats.Number(o.Recipients),
                Formats.Number(o.Sent),
                Formats.Number(o.Queued + o.Deferred),
                Formats.Number(o.Failed),
                Formats.Number(o.Acknowledged),
                Formats.YesNo(o.Reached),
            ]), Headers);
}
