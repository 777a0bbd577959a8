using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Users;

public sealed class AddUserTests
{
    private static string[] AddAda =>
        ["users", "add", "--email", "ada@example.com", "--name", "Ada Lovelace", "--team", "security", "--team", "legal"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_operator_migrates_an_empty_database_and_the_printed_token_works_against_the_API(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        (await Cli.RunAsync(database, "db", "migrate")).AssertSucceeded();

        var added = await Cli.RunAsync(database, [.. AddAda, "--admin", "--token"]);

        added.AssertSucceeded();
        Assert.Contains("Created admin ada@example.com (Ada Lovelace), teams security, legal.", added.Out, StringComparison.Ordinal);
        var token = added.LastLine;
        Assert.Matches("^scm_[A-Za-z0-9_-]{43}$", token);
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
        });
        var me = await app.ClientWithToken(token).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("ada@example.com", me.GetProperty("email").GetString());
        Assert.Equal("admin", me.GetProperty("role").GetString());
        Assert.Equal(["legal", "security"], me.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task With_password_sign_in_turned_off_the_operators_token_from_the_database_still_reaches_the_API()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseOptions.Sqlite);
        (await Cli.RunAsync(database, "db", "migrate")).AssertSucceeded();

        var added = await Cli.RunAsync(database, [.. AddAda, "--admin", "--token"]);

        added.AssertSucceeded();
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
            // Never contacted: nobody signs in through the provider here.
            ["SingleSignOn:Authority"] = "http://127.0.0.1:9",
            ["SingleSignOn:ClientId"] = "seccomms",
            ["SingleSignOn:ClientSecret"] = "not-a-real-secret",
            ["SingleSignOn:RequireHttpsMetadata"] = "false",
            ["SingleSignOn:Groups:0:Group"] = "secops",
            ["SingleSignOn:Groups:0:Teams:0"] = "security",
            ["SingleSignOn:LocalPasswords"] = "false",
        });
        var me = await app.ClientWithToken(added.LastLine).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(("ada@example.com", "admin"), (me.GetProperty("email").GetString(), me.GetProperty("role").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Adding_a_user_is_refused_until_the_database_is_migrated(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await Cli.RunAsync(database, [.. AddAda, "--token"]);

        result.AssertFailed(ExitCodes.Refused, "run `seccomms db migrate` first");
        Assert.Empty(result.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_team_is_refused_and_nothing_is_created(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await Cli.RunAsync(database, "users", "add", "--email", "bob@example.com", "--name", "Bob", "--team", "security",
            "--team", "sekurity", "--token");

        result.AssertFailed(ExitCodes.Refused, "Unknown team(s): 'sekurity'. Teams are: security,");
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.AccessTokens.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_second_user_with_the_same_email_in_any_case_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        (await Cli.RunAsync(database, AddAda)).AssertSucceeded();

        var again = await Cli.RunAsync(database, "users", "add", "--email", "ADA@example.com", "--name", "Ada Again", "--team", "security");

        again.AssertFailed(ExitCodes.Refused, "Conflict: A user with email ADA@example.com already exists.");
        await using var db = database.CreateContext();
        Assert.Equal("Ada Lovelace", (await db.Users.SingleAsync()).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_password_is_read_from_stdin_and_the_creation_is_audited_as_the_cli(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await Cli.RunAsync([.. AddAda, "--viewer", "--password-stdin", "--json", "--provider", provider,
            "--connection", database.Options.ConnectionString], input: "correct horse battery staple\n");

        result.AssertSucceeded();
        var added = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("viewer", added.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, added.GetProperty("token").ValueKind);
        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync();
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash ?? "", "correct horse battery staple"));
        var audit = await db.AuditEvents.SingleAsync();
        Assert.Equal(("cli", "user.created"), (audit.Actor, audit.Action));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_operator_grants_any_team_and_the_security_team_is_told(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        (await Cli.RunAsync(database, AddAda)).AssertSucceeded();

        (await Cli.RunAsync(database, "users", "add", "--email", "sid@example.com", "--name", "Sid", "--team", "security", "--admin")).AssertSucceeded();

        await using var db = database.CreateContext();
        var told = await db.Notifications.SingleAsync();
        Assert.Equal(("ada@example.com", "sid@example.com was added to security"), (told.Recipient, told.Subject));
        Assert.StartsWith("An operator on the database (seccomms users add) added Sid (sid@example.com) as admin with teams security.", told.Body,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_token_lifetime_beyond_the_maximum_is_refused_before_the_user_is_created(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await Cli.RunAsync(database, [.. AddAda, "--token", "--token-days", "400"]);

        result.AssertFailed(ExitCodes.Usage, "--token-days must be between 1 and 366");
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Theory]
    [InlineData(new[] { "--admin", "--viewer" }, "--admin and --viewer cannot be combined.")]
    [InlineData(new[] { "--token-days", "7" }, "--token-days needs --token.")]
    [InlineData(new[] { "--nickname", "ada" }, "--nickname")]
    public async Task Contradictory_or_unknown_options_are_usage_errors(string[] extra, string message)
    {
        var result = await Cli.RunAsync([.. AddAda, .. extra]);

        result.AssertFailed(ExitCodes.Usage, message);
        Assert.Contains("Run 'seccomms users add --help' for usage.", result.Error, StringComparison.Ordinal);
    }
}
