using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Testing;
using SecComms.Web.Tests.Advisories;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Releases;

/// <summary>
/// A release's customer email is an email: its own email-only category, never on the public site, and never sent to no
/// one without a recorded choice; the blog post and advisories are the web's, never emailed.
/// </summary>
public sealed class CustomerEmailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_customer_email_goes_only_to_its_audience_and_the_posts_only_to_the_public_site(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await app.AddUserAsync("ben@example.com", ["security"]);
        await (await DistributionApi.ImportAsync(ann.Client, DistributionApi.Header + "\nada@acme.example,Ada,Acme,,enterprise,,,,yes\n")).JsonAsync();
        await (await DistributionApi.CreateSegmentAsync(ann.Client, new { key = "enterprise", name = "Enterprise customers", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(ann.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(ann.Client);
        await (await ReleaseApi.BundleAsync(ann.Client, release, vulnerability)).JsonAsync();
        var details = await (await ann.Client.PostAsJsonAsync($"/api/v1/releases/{release}/prepare",
            new { audience = new { segment = "enterprise" } })).JsonAsync();
        var email = details.Part("customer-email");
        var blog = details.Part("blog-post");

        Assert.Equal("security-release-email", Category(await CommunicationAsync(ann, email.Id())));
        Assert.Equal("security-release", Category(await CommunicationAsync(ann, blog.Id())));
        var emailed = await (await ann.Client.PutAsJsonAsync($"/api/v1/communications/{blog.Id()}/audience", new { segment = "enterprise" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("does not send email", emailed.ToString(), StringComparison.Ordinal);

        await ReleaseApi.PublishAllAsync(ann, ben, release, details);

        Assert.Equal(1, (await DistributionApi.DispatchesAsync(ann.Client, email.Id())).EnumerateArray().Single().GetProperty("recipients").GetInt32());
        Assert.Empty((await DistributionApi.DispatchesAsync(ann.Client, blog.Id())).EnumerateArray());
        using var anyone = app.CreateClient();
        var site = await PublicSiteApi.TextAsync(anyone, "/advisories");
        Assert.Contains(blog.GetProperty("title").GetString()!, site, StringComparison.Ordinal);
        Assert.DoesNotContain(email.GetProperty("title").GetString()!, site, StringComparison.Ordinal);
        await PublicSiteApi.TextAsync(anyone, $"/advisories/{email.GetProperty("reference").GetString()}", HttpStatusCode.NotFound);
        Assert.DoesNotContain((await PublicSiteApi.FeedAsync(anyone)).Entries(), e => e.ToString().Contains("customer notice", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_email_that_reaches_no_one_ships_only_with_a_recorded_choice_its_approver_saw(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await app.AddUserAsync("ben@example.com", ["security"]);
        var release = await ReleaseApi.PlanAsync(ann.Client);
        await (await ReleaseApi.BundleAsync(ann.Client, release, await ReleaseApi.FixedVulnerabilityAsync(ann.Client, ReleaseApi.Rce()))).JsonAsync();
        var details = await (await ann.Client.PostAsJsonAsync($"/api/v1/releases/{release}/prepare", new
        {
            safe = new { sensitive = false, accurate = true, financial = false, effect = false },
            submit = true,
        })).JsonAsync();
        var email = details.Part("customer-email").Id();
        await ApproveAllAsync(ben, release);

        var unaddressed = await (await ann.Client.PostAsync($"/api/v1/releases/{release}/ship-with-release", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var requirements = await (await ann.Client.GetAsync($"/api/v1/communications/{email}/requirements")).JsonAsync();

        Assert.Contains("goes out only by email; choose who it goes to, or record that it goes to no one and why",
            unaddressed.GetProperty("problems").EnumerateArray().Single().GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(requirements.GetProperty("readyToPublish").GetBoolean());

        var before = await app.SnapshotAsync();
        var both = await (await ann.Client.PutAsJsonAsync($"/api/v1/communications/{email}/audience",
            new { segment = "enterprise", noRecipientsReason = "Sent by hand." })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("noRecipientsReason", both.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await app.SnapshotAsync());

        var chosen = await (await ann.Client.PutAsJsonAsync($"/api/v1/communications/{email}/audience",
            new { noRecipientsReason = "Account managers forward it to each customer." })).JsonAsync();
        Assert.Equal("Account managers forward it to each customer.", chosen.GetProperty("noRecipientsReason").GetString());
        var audit = await (await ann.Client.GetAsync($"/api/v1/audit?entity=communication:{email}&action=communication.audience-set")).JsonAsync();
        var recorded = System.Text.Json.JsonDocument.Parse(audit.GetProperty("items").EnumerateArray().Single().GetProperty("data").GetString()!).RootElement;
        Assert.Equal("Account managers forward it to each customer.", recorded.GetProperty("noRecipientsReason").GetString());
        var reset = await CommunicationAsync(ann, email);
        Assert.Equal("in-review", reset.GetProperty("status").GetString());

        await ApproveAllAsync(ben, release);
        await (await ann.Client.PostAsync($"/api/v1/releases/{release}/ship-with-release", null)).JsonAsync();
        await DisclosureApi.PublishReleaseAsync(ann.Client, release);

        Assert.Equal("published", (await CommunicationAsync(ann, email)).GetProperty("status").GetString());
        Assert.Empty((await DistributionApi.DispatchesAsync(ann.Client, email)).EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_policy_whose_release_part_names_a_missing_category_or_the_wrong_channel_is_refused_at_its_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var before = await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync();
        var yaml = PolicyLoader.DefaultYaml();
        var missing = yaml.Replace("      category: security-release-email\n", "      category: release-letter\n", StringComparison.Ordinal);
        var onTheWeb = yaml.Replace("      critical-category: critical-security-release-email\n", "      critical-category: critical-security-release\n", StringComparison.Ordinal);
        Assert.NotEqual(yaml, missing);
        Assert.NotEqual(yaml, onTheWeb);

        var unknown = await (await admin.Client.PutAsync("/api/v1/policy", new StringContent(missing, Encoding.UTF8, "application/yaml")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var wrong = await (await admin.Client.PutAsync("/api/v1/policy", new StringContent(onTheWeb, Encoding.UTF8, "application/yaml")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("releases template 'customer-email': category 'release-letter' is not a category of the policy.", unknown.ToString(), StringComparison.Ordinal);
        Assert.Contains("critical-category 'critical-security-release' must go out on email, as every customer-email does.", wrong.ToString(), StringComparison.Ordinal);
        Assert.Equal(before.GetProperty("hash").GetString(), (await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync()).GetProperty("hash").GetString());
    }

    private static async Task ApproveAllAsync(TestUser approver, string release)
    {
        var package = await (await approver.Client.GetAsync($"/api/v1/releases/{release}/package")).JsonAsync();
        var decisions = package.GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("asksYou").GetBoolean())
            .Select(p => new { communicationId = p.GetProperty("communication").Id(), packageHash = p.GetProperty("communication").GetProperty("packageHash").GetString() });
        await (await approver.Client.PostAsJsonAsync($"/api/v1/releases/{release}/approvals", new { decisions })).JsonAsync();
    }

    private static async Task<System.Text.Json.JsonElement> CommunicationAsync(TestUser user, string id) =>
        await (await user.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();

    private static string? Category(System.Text.Json.JsonElement communication) => communication.GetProperty("category").GetString();
}
