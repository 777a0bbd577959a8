using System.CommandLine;
using System.Globalization;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Exceptions;

/// <summary><c>seccomms exceptions list</c>: GET /api/v1/exceptions as a table, or as JSON for scripts.</summary>
internal static class ListExceptionsCommand
{
    public const int RuleWidth = 50;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "STATUS", "RISK", "EXPIRES", "COMMUNICATION", "RULE", "ID"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var status = new Option<string>("--status") { Description = "Only exceptions in this status: requested, approved, rejected, revoked, expired." };
        var communication = new Option<string>("--communication") { Description = "Only exceptions for this communication, by its id.", HelpName = "id" };
        var mine = new Option<bool>("--mine") { Description = "Only exceptions you requested." };
        var risk = new Option<string>("--risk") { Description = "Only this risk rating: low, medium, high, critical." };
        var expiring = new Option<int?>("--expiring-within") { Description = "Only exceptions in force that expire within this many days.", HelpName = "days" };
        var json = JsonOption.Create();
        var paging = new CursorPaging("exceptions");
        var command = new Command("list", "List the policy exceptions you may see, newest first.")
        {
            status, communication, mine, risk, expiring, json,
        };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var query = new Query().Add("status", parsed.GetValue(status)).Add("communicationId", parsed.GetValue(communication))
                .Add("mine", parsed.GetValue(mine) ? "true" : null).Add("risk", parsed.GetValue(risk))
                .Add("expiringWithinDays", parsed.GetValue(expiring)?.ToString(CultureInfo.InvariantCulture));
            var page = await paging.ReadAsync<ExceptionSummary>(parsed, client, query, "api/v1/exceptions", cancellationToken);
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

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<ExceptionSummary> items)
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
    }
}
