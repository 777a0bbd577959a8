using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.People;

/// <summary><c>seccomms service-accounts</c>: accounts for scripts, which act only through tokens an administrator issues.</summary>
internal static class ServiceAccountCommands
{
    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("service-accounts",
        "Add service accounts for scripts and issue and revoke their tokens with the SecComms API (administrators; needs --url and --token). "
        + "Deactivate one with `seccomms people deactivate`.",
        api => [List(host, api), Add(host, api), Token(host, api), Revoke(host, api)]);

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "The service accounts by email, with role, teams, status and when a token of theirs was last used.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var accounts = client.Read<List<PersonSummary>>(await client.GetAsync("api/v1/people", cancellationToken)).Where(p => p.IsServiceAccount).ToList();
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, accounts);
                return ExitCodes.Success;
            }
            if (accounts.Count == 0)
            {
                await host.Out.WriteLineAsync("No service accounts yet; `seccomms service-accounts add` adds one.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, accounts.Select(PeopleOutput.Row), PeopleOutput.Headers);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(CliHost host, ApiConnectionOptions api)
    {
        var email = new Option<string>("--email")
        {
            Description = "Where mail for it goes, such as the list of the people who run it; the audit trail names what it does by this address.",
            Required = true,
        };
        var name = new Option<string>("--name") { Description = "What it is, such as \"Release pipeline\".", Required = true };
        var teams = new Option<string[]>("--team") { Description = PeopleCommands.TeamsHelp, HelpName = "team", AllowMultipleArgumentsPerToken = false };
        var role = new RoleOptions();
        var json = JsonOption.Create();
        var command = new Command("add", "Add a service account: no password, never signs in to the pages. Then issue it a token with `seccomms service-accounts token`.")
        {
            email, name, teams, json,
        };
        role.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync("api/v1/people/service-accounts", new
            {
                email = parsed.GetValue(email),
                name = parsed.GetValue(name),
                teams = parsed.GetValue(teams) ?? [],
                role = role.Of(parsed),
            }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var p = client.Read<PersonDetails>(raw).Person;
            await host.Out.WriteLineAsync($"Added the service account {p.Email} ({p.Name}), {p.Role} with {PeopleOutput.Teams(p.Teams)}. Id: {p.Id}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Token(CliHost host, ApiConnectionOptions api)
    {
        var account = PersonArgument.Create("account");
        var name = new Option<string>("--name") { Description = "Where the token is used, so you can tell its tokens apart.", Required = true, HelpName = "text" };
        var days = new Option<int?>("--days") { Description = "Days until it expires [default: 90].", HelpName = "days" };
        var json = JsonOption.Create();
        var command = new Command("token", "Issue a token of a service account's. Its secret is printed once, alone on the last line (secret with --json).")
        {
            account, name, days, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, account, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/people/{id}/tokens", new { name = parsed.GetValue(name), expiresInDays = parsed.GetValue(days) },
                cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var token = client.Read<PersonToken>(raw);
            await host.Out.WriteLineAsync($"Issued the token '{token.Name}' ({token.Prefix}…), expires {Formats.Instant(token.ExpiresAt)}. Id: {token.Id}");
            await host.Out.WriteLineAsync("Its secret is shown only now:");
            await host.Out.WriteLineAsync(token.Secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliHost host, ApiConnectionOptions api)
    {
        var account = PersonArgument.Create("account");
        var tokenId = new Argument<string>("token-id") { Description = "The token's id (see `seccomms people show`)." };
        var json = JsonOption.Create();
        var command = new Command("revoke", "Revoke one of its tokens at once; anything still using it is refused from then on.") { account, tokenId, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var value = parsed.GetValue(tokenId) ?? "";
            if (!Guid.TryParse(value, out var token))
            {
                throw CliException.Usage($"'{value}' is not a token id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see `seccomms people show`).");
            }
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, account, client, cancellationToken);
            var raw = await client.DeleteJsonAsync($"api/v1/people/{id}/tokens/{token}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var revoked = client.Read<PersonToken>(raw);
            await host.Out.WriteLineAsync($"Revoked the token '{revoked.Name}' ({revoked.Prefix}…).");
            return ExitCodes.Success;
        });
        return command;
    }
}
