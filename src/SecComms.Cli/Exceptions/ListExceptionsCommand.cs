using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Exceptions;

/// <summary><c>seccomms exceptions list</c>: GET /api/v1/exceptions as a table, or as JSON for scripts.</summary>
internal static class ListExceptionsCommand
{
    public const int RuleWidth = 50;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "STATUS", "RISK", "EXPIRES", "COMMUNICATION", "RULE", "ID"];

    private sealed record Filters(string? Status, string? Communication, bool Mine, string? Risk, int? ExpiringWithin, int? Limit);

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var status = new Option<string>("--status") { Description = "Only exceptions in this status: requested, approved, rejected, revoked, expired." };
        var communication = new Option<string>("--communication") { Description = "Only exceptions for this communication, by its id.", HelpName = "id" };
        var mine = new Option<bool>("--mine") { Description = "Only exceptions you requested." };
        var risk = new Option<string>("--risk") { Description = "Only this risk rating: low, medium, high, critical." };
        var expiring = new Option<int?>("--expiring-within") { Description = "Only exceptions in force that expire within this many days.", HelpName = "days" };
        var limit = new Option<int?>("--limit") { Description = "Exceptions per page, 1 to 100 [default: 25].", HelpName = "n" };
        var cursor = new Option<string>("--cursor") { Description = "Start after this point: the nextCursor of a previous page." };
        var all = new Option<bool>("--all") { Description = "Follow nextCursor and list every page, not only the first." };
        var json = JsonOption.Create();
        var command = new Command("list", "List the policy exceptions you may see, newest first.")
        {
            status, communication, mine, risk, expiring, limit, cursor, all, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var filters = new Filters(parsed.GetValue(status), parsed.GetValue(communication), parsed.GetValue(mine), parsed.GetValue(risk),
                parsed.GetValue(expiring), parsed.GetValue(limit));
            var rawItems = new List<JsonElement>();
            var items = new List<ExceptionSummary>();
            var next = parsed.GetValue(cursor);
            do
            {
                var raw = await client.GetAsync(Path(filters, next), cancellationToken);
                var page = client.Read<ExceptionPage>(raw);
                rawItems.AddRange(raw.GetProperty("items").EnumerateArray());
                items.AddRange(page.Items);
                next = page.NextCursor == next ? null : page.NextCursor;
            }
            while (parsed.GetValue(all) && next is not null);

            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new { items = rawItems, nextCursor = next });
            }
            else
            {
                await WriteTableAsync(host.Out, items, next);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Path(Filters filters, string? cursor)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("status", filters.Status);
        Add("communicationId", filters.Communication);
        Add("mine", filters.Mine ? "true" : null);
        Add("risk", filters.Risk);
        Add("expiringWithinDays", filters.ExpiringWithin?.ToString(CultureInfo.InvariantCulture));
        Add("limit", filters.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        return "api/v1/exceptions" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private static async Task WriteTableAsync(TextWriter output, List<ExceptionSummary> items, string? next)
    {
        if (items.Count == 0)
        {
            await output.WriteLineAsync("No exceptions match.");
            return;
        }
        TextTable.Write(output, items.Select(e => (IReadOnlyList<string>)
        [
            e.Reference,
            e.Status,
            e.Risk,
            e.ExpiresAt is { } expires ? Formats.Instant(expires) : $"{Formats.Number(e.PeriodDays)} days once approved",
            e.CommunicationReference ?? "-",
            TextTable.Shorten(e.Rule, RuleWidth),
            e.Id.ToString(),
        ]), Headers);
        if (next is not null)
        {
            await output.WriteLineAsync($"More exceptions follow: add --all, or --cursor {next} for the next page.");
        }
    }
}
