using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Distribution;

public sealed class OrganizationsCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_organization_is_added_then_renamed_and_retargeted_by_name_and_bad_changes_are_refused(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sue = await app.AddUserAsync("sue@example.com", ["support"]);

        var added = await Cli.RunAsync(app, sue.Token, "organizations", "add", "--name", "Acme", "--tier", "standard", "--region", "us");
        await Cli.RunAsync(app, sue.Token, "organizations", "add", "--name", "Globex");
        var updated = await Cli.RunAsync(app, sue.Token, "organizations", "update", "acme", "--name", "Acme Corp", "--tier", "enterprise",
            "--deployment", "saas", "--product-version", "16.4.2");
        var taken = await Cli.RunAsync(app, sue.Token, "organizations", "update", "Acme Corp", "--name", "Globex");
        var badVersion = await Cli.RunAsync(app, sue.Token, "organizations", "update", "Acme Corp", "--name", "Acme Corp", "--product-version", "16.4 beta!");
        var unknown = await Cli.RunAsync(app, sue.Token, "organizations", "update", "Initech", "--name", "Initech");
        var listed = await Cli.RunAsync(app, sue.Token, "organizations", "list", "--search", "acme", "--json");

        added.AssertSucceeded();
        Assert.Matches("^Added Acme\\. Id: [0-9a-f-]{36}$", added.LastLine);
        updated.AssertSucceeded();
        Assert.Equal("Updated Acme Corp.", updated.LastLine);
        taken.AssertFailed(ExitCodes.Refused, "An organization named 'Globex' already exists.");
        badVersion.AssertFailed(ExitCodes.Refused, "productVersion");
        unknown.AssertFailed(ExitCodes.Refused, "no organization is named 'Initech'");
        listed.AssertSucceeded();
        var acme = Assert.Single(JsonDocument.Parse(listed.Out).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("Acme Corp", acme.GetProperty("name").GetString());
        Assert.Equal("enterprise", acme.GetProperty("tier").GetString());
        Assert.Equal("saas", acme.GetProperty("deployment").GetString());
        Assert.Equal("16.4.2", acme.GetProperty("productVersion").GetString());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("region").ValueKind);
    }
}
