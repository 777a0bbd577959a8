using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Distribution;

public sealed class AudiencesCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Segments_are_created_listed_shown_previewed_redefined_and_deleted(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        (await Cli.RunAsync(app, sam.Token, "contacts", "import", Customers.File("customers.csv", Customers.Good))).AssertSucceeded();

        var enterprise = await Cli.RunAsync(app, sam.Token, "audiences", "create", "enterprise-eu", "--name", "Enterprise EU", "--tier", "enterprise",
            "--region", "eu", "--description", "Enterprise customers in the EU.");
        var saas = await Cli.RunAsync(app, sam.Token, "audiences", "create", "saas", "--name", "SaaS customers", "--deployment", "saas", "--mandatory", "--json");
        var listed = await Cli.RunAsync(app, sam.Token, "audiences", "list");
        var shown = await Cli.RunAsync(app, sam.Token, "audiences", "show", "saas");
        var preview = await Cli.RunAsync(app, sam.Token, "audiences", "preview", "saas");
        var previewJson = await Cli.RunAsync(app, sam.Token, "audiences", "preview", "enterprise-eu", "--json");
        var updated = await Cli.RunAsync(app, sam.Token, "audiences", "update", "enterprise-eu", "--name", "Enterprise and premium EU", "--tier", "enterprise",
            "--tier", "premium", "--region", "eu", "--json");
        var unknown = await Cli.RunAsync(app, sam.Token, "audiences", "update", "nobody", "--name", "Nobody");
        var deleted = await Cli.RunAsync(app, sam.Token, "audiences", "delete", "saas");
        var afterwards = await Cli.RunAsync(app, sam.Token, "audiences", "list", "--json");

        enterprise.AssertSucceeded();
        Assert.Equal("Created the segment enterprise-eu (Enterprise EU); it reaches 2 contacts now.", enterprise.LastLine);
        saas.AssertSucceeded();
        Assert.True(JsonDocument.Parse(saas.Out).RootElement.GetProperty("mandatory").GetBoolean());
        listed.AssertSucceeded();
        Assert.Matches("^KEY +NAME +MANDATORY +RECIPIENTS +FILTERS$", listed.Lines[0]);
        Assert.Matches("^enterprise-eu +Enterprise EU +no +2 +tier=enterprise region=eu$", listed.Lines[1]);
        Assert.Matches("^saas +SaaS customers +yes +2 +deployment=saas$", listed.Lines[2]);
        shown.AssertSucceeded();
        Assert.Equal("saas: SaaS customers", shown.Lines[0]);
        Assert.Matches("(?m)^  mandatory +yes: every matching contact, subscribed or not$", shown.Out);
        Assert.Matches("(?m)^  deployments +saas$", shown.Out);
        Assert.Matches("(?m)^  tiers +any$", shown.Out);
        preview.AssertSucceeded();
        // Eve unsubscribed, but a mandatory segment reaches her too.
        Assert.Equal("Segment saas (SaaS customers) reaches 2 contacts at 2 organizations (mandatory: subscribed or not).", preview.Lines[0]);
        Assert.Matches("^EMAIL +NAME +ORGANIZATION +ROLE$", preview.Lines[1]);
        Assert.Matches("^cy@globex\\.example +Cy Globex +Globex +technical$", preview.Lines[2]);
        Assert.Matches("^eve@initech\\.example +Eve Initech +Initech +security-contact$", preview.Lines[3]);
        previewJson.AssertSucceeded();
        var reach = JsonDocument.Parse(previewJson.Out).RootElement;
        Assert.Equal((2, 1), (reach.GetProperty("recipients").GetInt32(), reach.GetProperty("organizations").GetInt32()));
        Assert.Equal(["ada@acme.example", "bob@acme.example"], reach.GetProperty("sample").EnumerateArray().Select(c => c.GetProperty("email").GetString()));
        updated.AssertSucceeded();
        var redefined = JsonDocument.Parse(updated.Out).RootElement;
        Assert.Equal(("enterprise-eu", "Enterprise and premium EU"), (redefined.GetProperty("key").GetString(), redefined.GetProperty("name").GetString()));
        Assert.Equal(["enterprise", "premium"], redefined.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()));
        Assert.Null(redefined.GetProperty("description").GetString());
        unknown.AssertFailed(ExitCodes.Refused, "No segment has the key 'nobody'.");
        deleted.AssertSucceeded();
        Assert.Equal("Deleted the segment saas.", deleted.LastLine);
        Assert.Equal(["enterprise-eu"], JsonDocument.Parse(afterwards.Out).RootElement.EnumerateArray().Select(s => s.GetProperty("key").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_communication_is_sent_to_a_segment_with_receipts_asked_and_its_audience_cleared(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, _) = await Customers.NoticeToEnterpriseEuAsync(app);

        var withReceipts = await Cli.RunAsync(app, alice.Token, "communications", "audience", "sc-1", "--segment", "enterprise-eu", "--acknowledge");
        var shown = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--json");
        var cleared = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--clear");
        var none = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1");

        withReceipts.AssertSucceeded();
        Assert.Equal("SC-1: email goes to segment enterprise-eu (Enterprise EU): 2 contacts at 1 organizations now, subscribers only; " +
            "each is asked to confirm receipt.", withReceipts.LastLine);
        shown.AssertSucceeded();
        var audience = JsonDocument.Parse(shown.Out).RootElement;
        Assert.Equal("enterprise-eu", audience.GetProperty("segment").GetString());
        Assert.True(audience.GetProperty("requireAcknowledgement").GetBoolean());
        Assert.Equal(2, audience.GetProperty("preview").GetProperty("recipients").GetInt32());
        cleared.AssertSucceeded();
        Assert.Equal("SC-1: no email audience; publishing it sends no email.", cleared.LastLine);
        Assert.Equal(cleared.Out, none.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_audience_input_is_a_clear_error_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, _) = await Customers.NoticeToEnterpriseEuAsync(app);
        var before = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--json");

        var unknownSegment = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--segment", "nobody");
        var two = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--segment", "enterprise-eu", "--clear");
        var receiptsAlone = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--acknowledge");
        var noIncident = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--affected-customers");
        var unknownCommunication = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-99", "--clear");
        var badKey = await Cli.RunAsync(app, alice.Token, "audiences", "create", "Enterprise EU", "--name", "Again");
        var taken = await Cli.RunAsync(app, alice.Token, "audiences", "create", "enterprise-eu", "--name", "Again");
        var badRole = await Cli.RunAsync(app, alice.Token, "audiences", "create", "ceos", "--name", "CEOs", "--role", "ceo");
        var inUse = await Cli.RunAsync(app, alice.Token, "audiences", "delete", "enterprise-eu");
        var unknownPreview = await Cli.RunAsync(app, alice.Token, "audiences", "preview", "nobody");
        var after = await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--json");
        var segments = await Cli.RunAsync(app, alice.Token, "audiences", "list", "--json");

        unknownSegment.AssertFailed(ExitCodes.Refused, "No segment has the key 'nobody'.");
        two.AssertFailed(ExitCodes.Usage, "give one of --segment, --affected-customers, --no-one or --clear.");
        receiptsAlone.AssertFailed(ExitCodes.Usage, "--acknowledge goes with --segment or --affected-customers");
        noIncident.AssertFailed(ExitCodes.Refused, "SC-1 is not linked to an incident, so it has no affected customers.");
        unknownCommunication.AssertFailed(ExitCodes.Refused, "no communication SC-99 among the ones you may see.");
        badKey.AssertFailed(ExitCodes.Refused, "key must be lower case letters, digits and hyphens");
        taken.AssertFailed(ExitCodes.Refused, "A segment with the key 'enterprise-eu' already exists.");
        badRole.AssertFailed(ExitCodes.Usage, "ceo");
        inUse.AssertFailed(ExitCodes.Refused, "The segment 'enterprise-eu' is the audience of SC-1; choose another audience there first.");
        unknownPreview.AssertFailed(ExitCodes.Refused, "No segment has the key 'nobody'.");
        Assert.Equal(before.Out, after.Out);
        Assert.Equal(1, JsonDocument.Parse(segments.Out).RootElement.GetArrayLength());
    }
}
