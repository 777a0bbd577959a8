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
        var command = new Command("list", "List the vulnerabilities, newest first (the hundred newest; the security and appsec teams see them, others see none).")
        {
            status, release, search, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var releaseId = parsed.GetValue(release) is { } value ? await ReleaseId.ResolveAsync(value, client, cancellationToken) : (Guid?)null;
            var raw = await client.GetAsync(Path(parsed.GetValue(status), releaseId, parsed.GetValue(search)), cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteTableAsync(host.Out, client.Read<List<VulnerabilityDetail>>(raw));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Path(string? status, Guid? release, string? search)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("status", status);
        Add("releaseId", release?.ToString());
        Add("q", search);
        return "api/v1/vulnerabilities" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private static async Task WriteTableAsync(TextWriter output, List<VulnerabilityDetail> items)
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
