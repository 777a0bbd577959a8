using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Audiences;

/// <summary><c>seccomms organizations</c>: the customers notices are targeted at, by tier, deployment, version and region.</summary>
internal static class OrganizationCommands
{
    public static readonly IReadOnlyList<string> Headers = ["NAME", "TIER", "DEPLOYMENT", "VERSION", "REGION", "CONTACTS", "ID"];

    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("organizations",
        "List, add and update customer organizations with the SecComms API (administrators and the security, customer-success and support teams; needs --url and --token).",
        api => [List(host, api), Define(host, api, update: false), Define(host, api, update: true)]);

    /// <summary>The id of the organization given by id or by its exact name (any case).</summary>
    public static async Task<Guid> ResolveAsync(string value, ApiClient client, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }
        var found = client.Read<Page<OrganizationSummary>>(await client.GetAsync(
            "api/v1/organizations" + new Query().Add("search", value).Add("limit", "500"), cancellationToken));
        return found.Items.FirstOrDefault(o => string.Equals(o.Name, value.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw CliException.Refused($"no organization is named '{value}' (see `seccomms organizations list`).");
    }

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var search = new Option<string>("--search") { Description = "Only organizations whose name contains this text.", HelpName = "text" };
        var paging = new Paging("organizations");
        var json = JsonOption.Create();
        var command = new Command("list", "List organizations by name, with their targeting attributes and number of contacts.") { search, json };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var query = new Query().Add("search", parsed.GetValue(search));
            paging.Apply(parsed, query);
            var raw = await client.GetAsync("api/v1/organizations" + query, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var page = client.Read<Page<OrganizationSummary>>(raw);
            if (page.Items.Count == 0)
            {
                await host.Out.WriteLineAsync("No organizations match.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, page.Items.Select(o => (IReadOnlyList<string>)
            [
                o.Name,
                o.Tier ?? "-",
                o.Deployment ?? "-",
                o.ProductVersion ?? "-",
                o.Region ?? "-",
                Formats.Number(o.Contacts),
                o.Id.ToString(),
            ]), Headers);
            await paging.WriteFooterAsync(host.Out, parsed, page.Items.Count, page.Total);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>add</c>, or <c>update ORGANIZATION</c>, which replaces the name and every attribute with those given.</summary>
    private static Command Define(CliHost host, ApiConnectionOptions api, bool update)
    {
        var organization = new Argument<string>("organization") { Description = "The organization to update, by id or exact name." };
        var name = new Option<string>("--name")
        {
            Description = update ? "Its name from now on (give the current one to keep it)." : "The customer's name, unique; incidents name their affected customers by it.",
            Required = true,
            HelpName = "text",
        };
        var tier = new Option<string>("--tier") { Description = "The support tier, such as enterprise." };
        var deployment = new Option<string>("--deployment") { Description = "How they run the product: self-managed or saas." };
        deployment.AcceptOnlyFromAmong("self-managed", "saas");
        var version = new Option<string>("--product-version") { Description = "The version they run, such as 16.4.2.", HelpName = "version" };
        var region = new Option<string>("--region") { Description = "Where they are, such as eu." };
        var json = JsonOption.Create();
        var command = new Command(update ? "update" : "add", update
            ? "Change an organization: its name and attributes become those given (an attribute left out is cleared). Dispatches already written keep the old values."
            : "Add a customer organization; contacts join it by name, and segments target it by its attributes.")
        {
            name, tier, deployment, version, region, json,
        };
        if (update)
        {
            command.Arguments.Add(organization);
        }
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var body = new
            {
                name = parsed.GetValue(name),
                tier = parsed.GetValue(tier),
                deployment = parsed.GetValue(deployment),
                productVersion = parsed.GetValue(version),
                region = parsed.GetValue(region),
            };
            var raw = update
                ? await client.PutAsync($"api/v1/organizations/{await ResolveAsync(parsed.GetValue(organization) ?? "", client, cancellationToken)}", body, cancellationToken)
                : await client.PostAsync("api/v1/organizations", body, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var o = client.Read<OrganizationSummary>(raw);
            await host.Out.WriteLineAsync(update ? $"Updated {o.Name}." : $"Added {o.Name}. Id: {o.Id}");
            return ExitCodes.Success;
        });
        return command;
    }
}
