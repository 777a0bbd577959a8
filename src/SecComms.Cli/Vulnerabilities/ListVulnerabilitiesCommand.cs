using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;
using SecComms.Cli.Releases;

namespace SecComms.Cli.Vulnerabilities;

/// <summary><c>seccomms vulns list</c>: GET /api/v1/vulnerabilities as a table, or as JSON for scripts.</summary>
internal static class ListVulnerabilitiesCommand
{
    public const int TitleWidth = 50;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "STATUS", "SEVERITY", "CVE", "PRODUCT", "TITLE", "ID"];

    public static readonly string[] Statuses = ["triage", "fixing", "fixed", "released", "disclosed"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var status = new Option<string>("--status") { Description = "Only vulnerabilities in this status: triage, fixing, fixed, released or disclosed." };
        status.AcceptOnlyFromAmong(Statuses);
        var release = new Option<string>("--release") { Description = "Only those a release fixes, by its id or reference (SR-3).", HelpName = "release" };
        var search = new Option<string>("--search") { Description = "Only those whose title, CVE id or product contains this text.", HelpName = "text" };
        var json = JsonOption.Create();
        var paging = new CursorPaging("vulnerabilities");
        var command = new Command("list", "List the vulnerabilities, newest first, a page at a time (the security and appsec teams see them, others see none).")
        {
            status, release, search, json,
        };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var releaseId = parsed.GetValue(release) is { } value ? await ReleaseId.ResolveAsync(value, client, cancellationToken) : (Guid?)null;
            var query = new Query().Add("status", parsed.GetValue(status)).Add("releaseId", releaseId?.ToString()).Add("q", parsed.GetValue(search));
            var page = await paging.ReadAsync<VulnerabilityDetail>(parsed, client, query, "api/v1/vulnerabilities", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, CursorPaging.Json(page));
            }
            else
            {
                await WriteTableAsync(host.Out, page.Items);
                await paging.WriteFooterAsync(host.Out, page.NextCursor);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<VulnerabilityDetail> items)
    {
        if (items.Count == 0)
        {
            await output.WriteLineAsync("No vulnerabilities match.");
            return;
        }
        TextTable.Write(output, items.Select(v => (IReadOnlyList<string>)
        [
            v.Reference,
            v.Status,
            v.Severity ?? "-",
            v.CveId ?? "-",
            v.Product,
            TextTable.Shorten(v.Title, TitleWidth),
            v.Id.ToString(),
        ]), Headers);
    }
}
