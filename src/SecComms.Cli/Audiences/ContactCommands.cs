using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Audiences;

/// <summary><c>seccomms contacts</c>: the people at customers who receive notices, in bulk from CSV and back.</summary>
internal static class ContactCommands
{
    public static readonly IReadOnlyList<string> Headers = ["EMAIL", "NAME", "ORGANIZATION", "ROLE", "SUBSCRIBED"];

    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("contacts",
        "Import contacts from CSV, export them and list them with the SecComms API (administrators and the security, customer-success and support teams; needs --url and --token).",
        api => [ImportContactsCommand.Create(host, api), Export(host, api), List(host, api)]);

    private static Command Export(CliHost host, ApiConnectionOptions api)
    {
        var output = new Option<FileInfo?>("--output") { Description = "Write the CSV to this file instead of standard output.", HelpName = "file" };
        var json = JsonOption.Create();
        var command = new Command("export", "Export every contact as CSV, in the columns the import reads, so a file can be edited and imported back.")
        {
            output, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            if (parsed.GetValue(output) is not { } file)
            {
                await client.DownloadAsync("api/v1/contacts/export", host.Out, cancellationToken);
                return ExitCodes.Success;
            }
            var bytes = await Files.WriteAsync(file, stream => client.DownloadAsync("api/v1/contacts/export", stream, cancellationToken));
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new { path = file.FullName, bytes });
            }
            else
            {
                await host.Out.WriteLineAsync($"Wrote {file.FullName} ({Formats.Bytes(bytes)}).");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var search = new Option<string>("--search") { Description = "Only contacts whose address, name or organization contains this text.", HelpName = "text" };
        var organization = new Option<string>("--organization") { Description = "Only the contacts of this organization, by name or id.", HelpName = "name" };
        var paging = new Paging("contacts");
        var json = JsonOption.Create();
        var command = new Command("list", "List contacts by address, with their organization, role and whether they subscribed to notices.")
        {
            search, organization, json,
        };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var organizationId = parsed.GetValue(organization) is { } name ? await OrganizationCommands.ResolveAsync(name, client, cancellationToken) : (Guid?)null;
            var query = new Query().Add("search", parsed.GetValue(search)).Add("organization", organizationId?.ToString());
            paging.Apply(parsed, query);
            var raw = await client.GetAsync("api/v1/contacts" + query, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var page = client.Read<Page<ContactSummary>>(raw);
            if (page.Items.Count == 0)
            {
                await host.Out.WriteLineAsync("No contacts match.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, page.Items.Select(c => (IReadOnlyList<string>)
            [
                c.Email,
                c.Name,
                c.Organization,
                c.Role,
                c.UnsubscribedAt is { } at ? $"unsubscribed {Formats.Instant(at)}" : Formats.YesNo(c.Subscribed),
            ]), Headers);
            await paging.WriteFooterAsync(host.Out, parsed, page.Items.Count, page.Total);
            return ExitCodes.Success;
        });
        return command;
    }
}
