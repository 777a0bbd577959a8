using System.CommandLine;
using SecComms.Cli.Advisories;
using SecComms.Cli.Audiences;
using SecComms.Cli.Audit;
using SecComms.Cli.Client;
using SecComms.Cli.Communications;
using SecComms.Cli.Database;
using SecComms.Cli.Dispatches;
using SecComms.Cli.Exceptions;
using SecComms.Cli.Incidents;
using SecComms.Cli.People;
using SecComms.Cli.Releases;
using SecComms.Cli.Users;
using SecComms.Cli.Vulnerabilities;
using SecComms.Cli.Webhooks;

namespace SecComms.Cli;

/// <summary>The root of the command tree, with the examples and exit codes shown by <c>seccomms --help</c>.</summary>
internal static class SecCommsCommand
{
    public const string Name = "seccomms";

    public const string Description = $"""
        SecComms from the command line: administer the database directly (db, users, audit), and work with
        communications, policy exceptions, vulnerabilities, security releases, the release calendar, incidents, the
        distribution of notices to customers and the people who use SecComms through the HTTP API (communications,
        exceptions, vulns, releases, advisories, incidents, contacts, organizations, audiences, dispatches, webhooks,
        people, service-accounts).

        Admin commands use the database from --provider/--connection, else SECCOMMS__Database__Provider and
        SECCOMMS__Database__ConnectionString, else Database__Provider and Database__ConnectionString (as the web
        host reads them), else the Database section of ./appsettings.json, else SQLite at data/seccomms.db.
        API commands use --url (SECCOMMS_URL) and --token (SECCOMMS_TOKEN).

        Examples:
          seccomms db migrate --provider postgres --connection "Host=db;Database=seccomms;Username=seccomms"
          seccomms users add --email ada@example.com --name "Ada Lovelace" --team security --admin --token
          seccomms audit verify
          export SECCOMMS_URL=https://seccomms.example.com SECCOMMS_TOKEN=scm_...
          seccomms communications list --status draft --mine
          seccomms communications show 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b --json
          seccomms communications approve 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b --comment "Accurate."
          seccomms exceptions list --status requested
          seccomms vulns add --title "Stored XSS in merge request titles" --description "..." --product "Acme Platform" \
            --source internal --cvss31 CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N --affected 18.3.0:18.3.5
          seccomms releases plan --kind planned --product "Acme Platform" --version 18.4.2 --version 18.3.5 --date 2026-12-10
          seccomms releases bundle SR-3 VULN-7 VULN-8
          seccomms releases calendar --count 6
          seccomms advisories export 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b --format csaf --output sc-12.json
          seccomms incidents open --title "Credential stuffing" --kind breach --severity s2 --became-aware 2026-11-02T08:30:00Z --personal-data
          seccomms incidents clocks
          seccomms contacts import customers.csv
          seccomms audiences create enterprise-eu --name "Enterprise customers in the EU" --tier enterprise --region eu
          seccomms communications audience SC-12 --segment enterprise-eu --acknowledge
          seccomms dispatches watch 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b
          seccomms people invite --email lee@example.com --name "Lee" --team legal
          seccomms people deactivate lee@example.com
          seccomms service-accounts token release-bot@example.com --name "release pipeline"

        {ExitCodes.Summary}
        """;

    public static RootCommand Create(CliHost host) => new(Description)
    {
        CommandGroup.Create<DatabaseConnectionOptions>("db", "Manage the database schema (directly, not through the API).",
            database => [MigrateCommand.Create(host, database)]),
        CommandGroup.Create<DatabaseConnectionOptions>("users", "Add people directly in the database, as an operator who may give any team: the first administrator, or one when none can sign in. Day to day, administrators use `seccomms people`.",
            database => [AddUserCommand.Create(host, database)]),
        WithDatabase(database => BackupCommand.Create(host, database)),
        WithDatabase(database => RestoreCommand.Create(host, database)),
        CommandGroup.Create<DatabaseConnectionOptions>("audit", "Check the hash-chained audit trail and print its head, directly in the database.",
            database => [HeadCommand.Create(host, database), VerifyCommand.Create(host, database)]),
        CommandGroup.Create<ApiConnectionOptions>("communications",
            "Read communications and take them through review and publication with the SecComms API (needs --url and --token).",
            api =>
            [
                ListCommunicationsCommand.Create(host, api),
                ShowCommunicationCommand.Create(host, api),
                RequirementsCommand.Create(host, api),
                TransitionCommand.Submit(host, api),
                DecideCommand.Approve(host, api),
                DecideCommand.Reject(host, api),
                LinkCommand.Create(host, api),
                TransitionCommand.Schedule(host, api),
                TransitionCommand.Publish(host, api),
                ShipWithReleaseCommand.Create(host, api),
                EmergencyCommand.Create(host, api),
                AudienceCommand.Create(host, api),
                TestSendCommand.Create(host, api),
            ]),
        CommandGroup.Create<ApiConnectionOptions>("exceptions",
            "Request, decide and read policy exceptions with the SecComms API (needs --url and --token).",
            api =>
            [
                ListExceptionsCommand.Create(host, api),
                ShowExceptionCommand.Create(host, api),
                RequestExceptionCommand.Request(host, api),
                RequestExceptionCommand.Extend(host, api),
                DecideExceptionCommand.Approve(host, api),
                DecideExceptionCommand.Reject(host, api),
                DecideExceptionCommand.Revoke(host, api),
            ]),
        VulnerabilityCommands.Create(host),
        ReleaseCommands.Create(host),
        AdvisoryCommands.Create(host),
        IncidentCommands.Create(host),
        ContactCommands.Create(host),
        OrganizationCommands.Create(host),
        SegmentCommands.Create(host),
        DispatchCommands.Create(host),
        WebhookCommands.Create(host),
        PeopleCommands.Create(host),
        ServiceAccountCommands.Create(host),
    };

    /// <summary>A command of its own that works on the database directly, with the database options.</summary>
    private static Command WithDatabase(Func<DatabaseConnectionOptions, Command> create)
    {
        var database = new DatabaseConnectionOptions();
        var command = create(database);
        database.AddTo(command);
        return command;
    }
}
