using System.CommandLine;
using SecComms.Cli.Audiences;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary>
/// <c>seccomms communications audience ID</c>: shows who the communication's email goes to when it is published, or
/// sets it to a segment or to its incident's affected customers, records that it goes to no one and why, or clears it.
/// </summary>
internal static class AudienceCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.CreateWithReference();
        var segment = new Option<string>("--segment") { Description = "Send it to this segment, by key (see `seccomms audiences list`).", HelpName = "key" };
        var affected = new Option<bool>("--affected-customers")
        {
            Description = "Send it to every contact of its incident's affected customers, subscribed or not.",
        };
        var clear = new Option<bool>("--clear") { Description = "Send no email when it is published." };
        var noOne = new Option<string>("--no-one")
        {
            Description = "Record that its email goes to no one, and why; a communication that goes out only by email needs this or an audience.",
            HelpName = "reason",
        };
        var acknowledge = new Option<bool>("--acknowledge") { Description = "Ask each recipient to confirm receipt with a link (with --segment or --affected-customers)." };
        var json = JsonOption.Create();
        var command = new Command("audience",
            "Show who the communication's email goes to when it is published and how many that reaches now; or set it with --segment or " +
            "--affected-customers, record with --no-one that it goes to no one, or --clear it.")
        {
            id, segment, affected, clear, noOne, acknowledge, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (key, toAffected, toNone, ack) = (parsed.GetValue(segment), parsed.GetValue(affected), parsed.GetValue(clear), parsed.GetValue(acknowledge));
            var reason = parsed.GetValue(noOne);
            if ((key is null ? 0 : 1) + (toAffected ? 1 : 0) + (toNone ? 1 : 0) + (reason is null ? 0 : 1) > 1)
            {
                throw CliException.Usage("give one of --segment, --affected-customers, --no-one or --clear.");
            }
            if (reason is not null && reason.Trim().Length == 0)
            {
                throw CliException.Usage("--no-one needs the reason the email goes to no one.");
            }
            if (ack && key is null && !toAffected)
            {
                throw CliException.Usage("--acknowledge goes with --segment or --affected-customers: only a communication with an audience asks for receipts.");
            }
            using var client = api.Connect(parsed, host);
            var guid = await CommunicationId.ResolveAsync(parsed, id, client, cancellationToken);
            var path = $"api/v1/communications/{guid}/audience";
            var changing = key is not null || toAffected || toNone || reason is not null;
            var raw = changing
                ? await client.PutAsync(path, new { segment = key, affectedCustomers = toAffected, requireAcknowledgement = ack, noRecipientsReason = reason },
                    cancellationToken)
                : await client.GetAsync(path, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var audience = client.Read<CommunicationAudience>(raw);
            var name = parsed.GetValue(id) is { } given && !Guid.TryParse(given, out _) ? given.ToUpperInvariant() : guid.ToString();
            if (audience.Preview is null && audience.NoRecipientsReason is { } why)
            {
                await host.Out.WriteLineAsync($"{name}: its email goes to no one, as chosen: {why}");
                return ExitCodes.Success;
            }
            if (audience.Preview is not { } preview)
            {
                await host.Out.WriteLineAsync($"{name}: no email audience; publishing it sends no email.");
                return ExitCodes.Success;
            }
            await host.Out.WriteLineAsync($"{name}: email goes to {preview.Audience}: {Formats.Number(preview.Recipients)} contacts at " +
                $"{Formats.Number(preview.Organizations)} organizations now, {(preview.Mandatory ? "subscribed or not" : "subscribers only")}" +
                $"{(audience.RequireAcknowledgement ? "; each is asked to confirm receipt" : "")}.");
            if (preview.Recipients == 0)
            {
                await host.Out.WriteLineAsync("It reaches no one: publication is refused until it does.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
