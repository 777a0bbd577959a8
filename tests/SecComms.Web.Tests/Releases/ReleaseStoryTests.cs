using System.Net;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Releases;

public sealed class ReleaseStoryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Vulnerabilities_become_a_release_whose_communications_wait_for_it_then_go_public_together(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);

        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        await ReleaseApi.AddressNoOneAsync(sam.Client, details);
        Assert.Equal("preparing", details.GetProperty("release").GetProperty("status").GetString());
        Assert.Empty(details.GetProperty("inconsistencies").EnumerateArray());
        var blog = details.Part("blog-post");
        Assert.Equal("Acme Platform Security Release: 18.4.2, 18.3.5, and 18.2.9", blog.GetProperty("title").GetString());
        Assert.Equal(2, details.Parts("advisory").Count());
        Assert.Equal(4, details.GetProperty("communications").GetArrayLength());

        var post = await (await alice.Client.GetAsync($"/api/v1/communications/{blog.Id()}")).JsonAsync();
        var body = post.Content().GetProperty("body").GetString()!;
        Assert.Contains("| [Remote code execution through project imports](#remote-code-execution-through-project-imports) | Critical |", body, StringComparison.Ordinal);
        Assert.Contains($"`{ReleaseApi.Critical31}` (9.8, Critical)", body, StringComparison.Ordinal);
        Assert.Contains($"`{ReleaseApi.Critical40}` (9.3, Critical)", body, StringComparison.Ordinal);
        Assert.Contains($"`{ReleaseApi.Medium31}` (5.4, Medium)", body, StringComparison.Ordinal);
        Assert.Contains("all versions from 16.0 before 18.2.9, from 18.3.0 before 18.3.5, and from 18.4.0 before 18.4.2", body, StringComparison.Ordinal);
        Assert.Contains("[CVE-2026-10001](https://www.cve.org/CVERecord?id=CVE-2026-10001)", body, StringComparison.Ordinal);
        Assert.Contains("Thanks to yvvdwf through our HackerOne bug bounty program", body, StringComparison.Ordinal);
        Assert.Contains("## Receive security release notifications", body, StringComparison.Ordinal);
        var email = await (await alice.Client.GetAsync($"/api/v1/communications/{details.Part("customer-email").Id()}")).JsonAsync();
        var letter = email.Content().GetProperty("emailBody").GetString()!;
        foreach (var question in new[] { "Why you are getting this email:", "What the issue is and the risk:", "What to do:", "Where to get help:" })
        {
            Assert.Contains(question, letter, StringComparison.Ordinal);
        }

        foreach (var communication in details.GetProperty("communications").EnumerateArray())
        {
            var id = communication.Id();
            var current = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
            await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
            var refused = await (await WorkflowApi.PublishAsync(sam.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("fix-released", refused.Detail(), StringComparison.Ordinal);
        }
        Assert.All((await ReleaseApi.DetailsAsync(alice.Client, release)).GetProperty("communications").EnumerateArray(),
            c => Assert.Equal("approved", c.GetProperty("status").GetString()));

        await DisclosureApi.PublishReleaseAsync(alice.Client, release);
        var vulnerabilities = (await (await alice.Client.GetAsync($"/api/v1/vulnerabilities?releaseId={release}")).JsonAsync()).GetProperty("items");
        Assert.All(vulnerabilities.EnumerateArray(), v => Assert.Equal("released", v.GetProperty("status").GetString()));
        Assert.All(vulnerabilities.EnumerateArray(), v => Assert.Equal(
            app.Time.GetUtcNow().AddDays(30), v.GetProperty("discloseBy").GetDateTimeOffset()));

        foreach (var communication in details.GetProperty("communications").EnumerateArray())
        {
            await (await WorkflowApi.PublishAsync(sam.Client, communication.Id())).JsonAsync();
        }
        vulnerabilities = (await (await alice.Client.GetAsync($"/api/v1/vulnerabilities?releaseId={release}")).JsonAsync()).GetProperty("items");
        Assert.All(vulnerabilities.EnumerateArray(), v => Assert.Equal("disclosed", v.GetProperty("status").GetString()));

        var advisory = details.Parts("advisory").First(a => a.GetProperty("title").GetString()!.StartsWith("CVE-2026-10001", StringComparison.Ordinal));
        using var anonymous = app.CreateClient();
        var page = await Advisories.PublicSiteApi.TextAsync(anonymous, $"/advisories/{advisory.GetProperty("reference").GetString()}");
        Assert.Contains("Remote code execution through project imports", page, StringComparison.Ordinal);
        var feed = await Advisories.PublicSiteApi.FeedAsync(anonymous);
        var atom = Advisories.PublicSiteApi.Atom;
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Contains("Acme Platform Security Release: 18.4.2, 18.3.5, and 18.2.9", titles);
        Assert.Contains("CVE-2026-10001: Remote code execution through project imports", titles);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_edit_that_contradicts_the_records_blocks_approval_and_says_where(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        var advisory = details.Parts("advisory").First(a => a.GetProperty("title").GetString()!.StartsWith("CVE-2026-10002", StringComparison.Ordinal));
        var reference = advisory.GetProperty("reference").GetString();
        var current = await (await alice.Client.GetAsync($"/api/v1/communications/{advisory.Id()}")).JsonAsync();
        var body = current.Content().GetProperty("body").GetString()!;
        var edited = await (await CommunicationsApi.ReviseAsync(alice.Client, advisory.Id(), 1, new
        {
            body = body.Replace("(5.4, Medium)", "(6.1, Medium)", StringComparison.Ordinal).Replace("CVE-2026-10002", "CVE-2026-10003", StringComparison.Ordinal),
        })).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, advisory.Id())).JsonAsync();

        var refused = await (await WorkflowApi.DecideAsync(sam.Client, advisory.Id(), "approve", edited.Hash())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"{reference} (advisory) gives 6.1 as the score of {ReleaseApi.Medium31}", refused.Detail(), StringComparison.Ordinal);
        Assert.Contains($"{reference} (advisory) mentions CVE-2026-10003, which is not the CVE id of", refused.Detail(), StringComparison.Ordinal);
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, advisory.Id());
        Assert.Contains(requirements.GetProperty("outstanding").EnumerateArray(), o => o.GetString()!.StartsWith($"Consistency: {reference} (advisory)", StringComparison.Ordinal));
        var findings = (await ReleaseApi.DetailsAsync(alice.Client, release)).GetProperty("inconsistencies").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal(reference, f.GetProperty("communication").GetString()));
        Assert.NotEmpty(findings);

        var blog = details.Part("blog-post");
        var post = await (await alice.Client.GetAsync($"/api/v1/communications/{blog.Id()}")).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, blog.Id())).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, blog.Id(), "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Approvals.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_critical_release_puts_its_communications_in_emergency_mode(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var (_, details) = await ReleaseApi.PreparedAsync(alice.Client, "critical");
        Assert.Equal("Acme Platform Critical Security Release: 18.4.2, 18.3.5, and 18.2.9", details.Part("blog-post").GetProperty("title").GetString());
        Assert.All(details.GetProperty("communications").EnumerateArray(), c => Assert.True(c.GetProperty("emergency").GetBoolean()));
        var blog = await (await alice.Client.GetAsync($"/api/v1/communications/{details.Part("blog-post").Id()}")).JsonAsync();
        Assert.Equal("critical-security-release", blog.GetProperty("category").GetString());

        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var notice = (await CommunicationsApi.CreateAsync(sam.Client, "Patch now", "customer-security-notice")).Id();
        var critical = await ReleaseApi.PlanAsync(alice.Client, "emergency", ["18.4.3"]);
        await (await DisclosureApi.LinkAsync(sam.Client, notice, critical)).JsonAsync();
        Assert.True((await WorkflowApi.RequirementsAsync(alice.Client, notice)).GetProperty("emergency").GetBoolean());
    }
}
