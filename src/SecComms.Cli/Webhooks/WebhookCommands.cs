using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Webhooks;

/// <summary><c>seccomms webhooks</c>: the endpoints told, with a signed POST, when communications are published.</summary>
internal static class WebhookCommands
{
    public static readonly IReadOnlyList<string> Headers = ["NAME", "URL", "FORMAT", "CATEGORIES", "ACTIVE", "OWNER", "SENT", "FAILED", "PENDING", "ID"];

    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("webhooks",
        "List, add and remove the webhooks told about publications with the SecComms API (security team and administrators; needs --url and --token).",
        api => [List(host, api), Add(host, api), Remove(host, api)]);

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "List the webhooks by name, with their owners and what was sent to each.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync("api/v1/webhooks", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var webhooks = client.Read<List<WebhookDetail>>(raw);
            if (webhooks.Count == 0)
            {
                await host.Out.WriteLineAsync("No webhooks yet; `seccomms webhooks add` adds one.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, webhooks.Select(w => (IReadOnlyList<string>)
            [
                w.Name,
                TextTable.Shorten(w.Url, 50),
                w.Format,
                w.Categories.Count == 0 ? "all public" : string.Join(",", w.Categories),
                Formats.YesNo(w.Active),
                w.Owner switch { null => "none", { Disabled: true } => $"{w.Owner.Email} (disabled)", _ => w.Owner.Email },
                Formats.Number(w.Deliveries.Sent),
                Formats.Number(w.Deliveries.Failed),
                Formats.Number(w.Deliveries.Queued + w.Deliveries.Deferred),
                w.Id.ToString(),
            ]), Headers);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(CliHost host, ApiConnectionOptions api)
    {
        var name = new Option<string>("--name") { Description = "What the webhook is, such as \"Status page\".", Required = true, HelpName = "text" };
        var url = new Option<string>("--endpoint")
        {
            Description = "The http or https address SecComms POSTs to; one inside the company's network only if the server's Webhooks:AllowedInternalHosts allows it.",
            Required = true,
            HelpName = "address",
        };
        var format = new Option<string>("--format") { Description = "json (SecComms' signed event) or slack (a {\"text\": …} message most chat tools accept) [default: json]." };
        format.AcceptOnlyFromAmong("json", "slack");
        var categories = new Option<string[]>("--category")
        {
            Description = "Only publications in this category, by its policy key, confidential ones by reference and category only unless you may read them; repeat for more [default: every communication that is not confidential].",
            HelpName = "key",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var inactive = new Option<bool>("--inactive") { Description = "Add it switched off: nothing is sent to it until it is switched on." };
        var json = JsonOption.Create();
        var command = new Command("add", "Add a webhook, owned by you. Its signing secret is printed once, now: give it to the receiver to check each request's signature.")
        {
            name, url, format, categories, inactive, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync("api/v1/webhooks", new
            {
                name = parsed.GetValue(name),
                url = parsed.GetValue(url),
                format = parsed.GetValue(format) ?? "json",
                categories = parsed.GetValue(categories),
                active = !parsed.GetValue(inactive),
            }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var webhook = client.Read<WebhookDetail>(raw);
            await host.Out.WriteLineAsync($"Added the webhook {webhook.Name} ({webhook.Format}) to {webhook.Url}. Id: {webhook.Id}");
            await host.Out.WriteLineAsync($"Signing secret, shown only now: {webhook.Secret}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliHost host, ApiConnectionOptions api)
    {
        var id = new Argument<string>("id") { Description = "The webhook's id (the ID column of `seccomms webhooks list`)." };
        var json = JsonOption.Create();
        var command = new Command("remove", "Delete a webhook and the record of what was sent to it.") { id, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var value = parsed.GetValue(id) ?? "";
            if (!Guid.TryParse(value, out var guid))
            {
                throw CliException.Usage($"'{value}' is not a webhook id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see `seccomms webhooks list`).");
            }
            using var client = api.Connect(parsed, host);
            await client.DeleteAsync($"api/v1/webhooks/{guid}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new { id = guid, deleted = true });
            }
            else
            {
                await host.Out.WriteLineAsync($"Removed the webhook {guid}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
