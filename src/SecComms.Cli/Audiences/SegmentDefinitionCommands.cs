using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Audiences;

/// <summary>
/// <c>seccomms audiences create KEY --name …</c>: a segment from filters; every filter given must match, each of its values
/// may. <c>seccomms audiences update KEY --name …</c> takes the same options and replaces the segment's definition.
/// </summary>
internal static class SegmentDefinitionCommands
{
    public static Command Create(CliHost host, ApiConnectionOptions api) => Define(host, api, update: false);

    public static Command Update(CliHost host, ApiConnectionOptions api) => Define(host, api, update: true);

    private static Command Define(CliHost host, ApiConnectionOptions api, bool update)
    {
        var key = new Argument<string>("key") { Description = "The segment's key: lower case letters, digits and hyphens, starting with a letter, such as enterprise-eu." };
        var name = new Option<string>("--name") { Description = "The segment's name, as dispatches and reports show it.", Required = true, HelpName = "text" };
        var description = new Option<string>("--description") { Description = "Who the segment is for.", HelpName = "text" };
        var mandatory = new Option<bool>("--mandatory")
        {
            Description = "A service notice: every matching contact receives it, subscribed or not, without an unsubscribe link.",
        };
        var tiers = Repeated("--tier", "A support tier, such as enterprise");
        var deployments = Repeated("--deployment", "self-managed or saas");
        deployments.AcceptOnlyFromAmong("self-managed", "saas");
        var regions = Repeated("--region", "A region, such as eu");
        var versions = Repeated("--product-version", "A version or minor line: 16.4 matches 16.4 and every 16.4.x", "version");
        var roles = Repeated("--role", "A contact role: security-contact, admin, technical or other");
        roles.AcceptOnlyFromAmong("security-contact", "admin", "technical", "other");
        var organizations = Repeated("--organization", "An organization, by name", "name");
        var json = JsonOption.Create();
        var command = new Command(update ? "update" : "create", update
            ? "Redefine a segment: its name, description, mandatory flag and filters become those given (a filter left out matches anyone); its key stays."
            : "Define a segment. Each filter may be repeated (--tier enterprise --tier premium matches either); a contact must match every filter given.")
        {
            key, name, description, mandatory, tiers, deployments, regions, versions, roles, organizations, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var body = new
            {
                key = parsed.GetValue(key),
                name = parsed.GetValue(name),
                description = parsed.GetValue(description),
                mandatory = parsed.GetValue(mandatory),
                tiers = parsed.GetValue(tiers),
                deployments = parsed.GetValue(deployments),
                regions = parsed.GetValue(regions),
                productVersions = parsed.GetValue(versions),
                roles = parsed.GetValue(roles),
                organizations = parsed.GetValue(organizations),
            };
            var raw = update
                ? await client.PutAsync($"api/v1/audiences/{Uri.EscapeDataString(body.key ?? "")}", body, cancellationToken)
                : await client.PostAsync("api/v1/audiences", body, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var segment = client.Read<SegmentDetail>(raw);
            await host.Out.WriteLineAsync($"{(update ? "Updated" : "Created")} the segment {segment.Key} ({segment.Name}); it reaches {Formats.Number(segment.Recipients)} contacts now.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string[]> Repeated(string name, string description, string? helpName = null) => new(name)
    {
        Description = description + "; repeat for more.",
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
