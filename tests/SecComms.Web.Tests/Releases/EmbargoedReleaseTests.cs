using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Pages;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Releases;

/// <summary>
/// What a security release generates describes its vulnerabilities, so until the fix ships it is read only by the
/// vulnerability teams and the people named on it; everyone else learns nothing of it, on any path.
/// </summary>
public sealed class EmbargoedReleaseTests
{
    private const string Canary = "Quokkasaurus";
    private const string BlogTitle = "Acme Platform Security Release: 18.4.2, 18.3.5, and 18.2.9";

    private static readonly string[] Reads =
    [
        "", "/exports/csaf", "/exports/osv", "/exports/cve", "/requirements", "/approvals", "/revisions", "/revisions/1", "/revisions/1/diff",
        "/links", "/audience", "/safe", "/dispatches", "/quorum-fallback",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Until_the_release_is_published_its_communications_exist_only_for_the_vulnerability_teams(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var bob = await app.AddUserAsync("bob@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var sue = await app.AddUserAsync("sue@example.com", ["support"], password: PageSession.Password);
        var pat = await app.AddUserAsync("pat@example.com", ["product"], password: PageSession.Password);
        var (release, details) = await PreparedAsync(alice.Client);
        var generated = details.GetProperty("communications").EnumerateArray().Select(c => c.Id()).ToList();
        var advisory = details.Part("advisory").Id();
        await DropCreditAsync(alice.Client, advisory);

        foreach (var insider in new[] { sam, bob })
        {
            foreach (var id in generated)
            {
                await (await insider.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
                await (await insider.Client.GetAsync($"/api/v1/communications/{id}/requirements")).JsonAsync();
            }
            var csaf = await (await insider.Client.GetAsync($"/api/v1/communications/{advisory}/exports/csaf")).Content.ReadAsStringAsync();
            Assert.Contains(Canary, csaf, StringComparison.Ordinal);
            Assert.Contains(advisory, Ids(await (await insider.Client.GetAsync($"/api/v1/communications?q={Canary}")).JsonAsync()));
            Assert.Contains($"{Canary} Researcher", (await (await insider.Client.GetAsync($"/api/v1/releases/{release}")).Content.ReadAsStringAsync()),
                StringComparison.Ordinal);
        }

        foreach (var outsider in new[] { sue, pat })
        {
            await AssertSeesNoneAsync(app, outsider, release, generated);
        }
        var sueInBrowser = await PageSession.SignInAsync(app, sue.Email);
        await AssertPagesShowNoneAsync(sueInBrowser, release, generated);

        var readers = await ReadersAmongAsync(app, advisory, alice, bob, sam, sue, pat);
        Assert.Equal(new[] { alice.Id, bob.Id, sam.Id }.Order(), readers.Order());
        var submitted = await (await WorkflowApi.SubmitAsync(alice.Client, advisory)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("has no SAFE answers", submitted.Detail(), StringComparison.Ordinal);
        Assert.False((await (await alice.Client.GetAsync($"/api/v1/communications/{advisory}")).JsonAsync()).GetProperty("confidential").GetBoolean());

        await DisclosureApi.PublishReleaseAsync(alice.Client, release);

        foreach (var id in generated)
        {
            await (await sue.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            await (await sue.Client.GetAsync($"/api/v1/communications/{id}/requirements")).JsonAsync();
        }
        Assert.Contains(Canary, await (await sue.Client.GetAsync($"/api/v1/communications/{advisory}/exports/csaf")).Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Equal(generated.Order(), Ids(await (await sue.Client.GetAsync("/api/v1/communications")).JsonAsync()).Order());
        Assert.Equal([advisory], Ids(await (await sue.Client.GetAsync($"/api/v1/communications?q={Canary}")).JsonAsync()));
        Assert.Contains(Canary, await sueInBrowser.GetHtmlAsync("/"), StringComparison.Ordinal);
        Assert.Equal(generated.Count, (await ReleaseApi.DetailsAsync(sue.Client, release)).GetProperty("communications").GetArrayLength());
        Assert.Contains(sue.Id, await ReadersAmongAsync(app, advisory, sue));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_policy_names_the_vulnerability_teams_and_the_people_named_on_a_communication_keep_seeing_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var bob = await app.AddUserAsync("bob@example.com", ["appsec"], password: PageSession.Password);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (release, details) = await PreparedAsync(alice.Client);
        var generated = details.GetProperty("communications").EnumerateArray().Select(c => c.Id()).ToList();
        var vulnerability = (await (await alice.Client.GetAsync($"/api/v1/vulnerabilities?releaseId={release}")).JsonAsync()).GetProperty("items")[0].Id();

        var yaml = PolicyLoader.DefaultYaml();
        Assert.Contains("  vulnerability-teams: [security, appsec]\n", yaml, StringComparison.Ordinal);
        (await admin.Client.PutAsync("/api/v1/policy", new StringContent(
            yaml.Replace("  vulnerability-teams: [security, appsec]\n", "  vulnerability-teams: [security]\n", StringComparison.Ordinal),
            Encoding.UTF8, "application/yaml"))).EnsureSuccessStatusCode();

        await AssertSeesNoneAsync(app, bob, release, generated);
        await (await bob.Client.GetAsync($"/api/v1/vulnerabilities/{vulnerability}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var bobInBrowser = await PageSession.SignInAsync(app, bob.Email);
        await AssertPagesShowNoneAsync(bobInBrowser, release, generated);
        Assert.DoesNotContain("href=\"/vulnerabilities\"", await bobInBrowser.GetHtmlAsync("/"), StringComparison.Ordinal);
        await bobInBrowser.GetHtmlAsync("/vulnerabilities", HttpStatusCode.NotFound);

        foreach (var id in generated)
        {
            await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        }
        await (await alice.Client.GetAsync($"/api/v1/communications/{details.Part("advisory").Id()}/exports/csaf")).JsonAsync();
        await (await alice.Client.GetAsync($"/api/v1/vulnerabilities/{vulnerability}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(new[] { alice.Id, sam.Id }.Order(), (await ReadersAmongAsync(app, generated[0], alice, bob, sam)).Order());
    }

    /// <summary>Every read of every generated communication, and every list and page that could name one, as someone who may not see them.</summary>
    private static async Task AssertSeesNoneAsync(SecCommsApp app, TestUser outsider, string release, List<string> generated)
    {
        foreach (var id in generated)
        {
            foreach (var path in Reads)
            {
                var problem = await (await outsider.Client.GetAsync($"/api/v1/communications/{id}{path}")).AssertProblemAsync(HttpStatusCode.NotFound);
                Assert.Equal($"There is no communication {id}.", problem.Detail());
            }
            await (await WorkflowApi.SafeAsync(outsider.Client, id)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await WorkflowApi.DecideAsync(outsider.Client, id, "approve", new string('0', 64))).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.PostAsJsonAsync("/api/v1/exceptions", Exceptions.ExceptionsApi.Request(id, ["fix-released"])))
                .AssertProblemAsync(HttpStatusCode.NotFound);
        }
        var everything = await (await outsider.Client.GetAsync("/api/v1/communications")).JsonAsync();
        Assert.Empty(Ids(everything).Intersect(generated));
        Assert.Empty(Ids(await (await outsider.Client.GetAsync($"/api/v1/communications?q={Canary}")).JsonAsync()));
        var releaseView = await (await outsider.Client.GetAsync($"/api/v1/releases/{release}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Canary, releaseView, StringComparison.Ordinal);
        Assert.DoesNotContain(BlogTitle, releaseView, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(releaseView).RootElement.GetProperty("communications").EnumerateArray());
        Assert.Empty(await ReadersAmongAsync(app, generated[0], outsider));
    }

    private static async Task AssertPagesShowNoneAsync(PageSession outsider, string release, List<string> generated)
    {
        foreach (var url in new[] { "/", $"/?q={Canary[..6]}", $"/releases/{release}", "/releases", "/exceptions/new", $"/exceptions/new?communication={generated[0]}" })
        {
            var html = await outsider.GetHtmlAsync(url);
            Assert.DoesNotContain(Canary, html, StringComparison.Ordinal);
            Assert.DoesNotContain(BlogTitle, html, StringComparison.Ordinal);
        }
        foreach (var id in generated)
        {
            await outsider.GetHtmlAsync($"/communications/{id}", HttpStatusCode.NotFound);
        }
    }

    /// <summary>A prepared release fixing one vulnerability whose title, description and credit carry the canary.</summary>
    private static async Task<(string Release, JsonElement Details)> PreparedAsync(HttpClient client)
    {
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(client, new
        {
            title = $"{Canary} remote code execution through project imports",
            description = $"An attacker who can import a project could run commands on the server through the {Canary} importer.",
            product = "Acme Platform",
            cweId = "CWE-94",
            cveId = "CVE-2026-10001",
            cvss31Vector = ReleaseApi.Critical31,
            affected = new[] { new { introduced = "16.0", @fixed = "18.2.9" }, new { introduced = "18.3.0", @fixed = "18.3.5" }, new { introduced = "18.4.0", @fixed = "18.4.2" } },
            credits = new[] { new { name = $"{Canary} Researcher", kind = "hacker-one" } },
            source = "hacker-one",
        });
        var release = await ReleaseApi.PlanAsync(client);
        await (await ReleaseApi.BundleAsync(client, release, vulnerability)).JsonAsync();
        return (release, await (await ReleaseApi.PrepareAsync(client, release)).JsonAsync());
    }

    /// <summary>Edits the credit out of the advisory, so that the release lists a finding that names the researcher.</summary>
    private static async Task DropCreditAsync(HttpClient client, string advisory)
    {
        var current = await (await client.GetAsync($"/api/v1/communications/{advisory}")).JsonAsync();
        var body = current.Content().GetProperty("body").GetString()!;
        Assert.Contains($"{Canary} Researcher", body, StringComparison.Ordinal);
        await (await CommunicationsApi.ReviseAsync(client, advisory, 1, new { body = body.Replace($"{Canary} Researcher", "a researcher", StringComparison.Ordinal) }))
            .JsonAsync();
    }

    private static async Task<IReadOnlySet<Guid>> ReadersAmongAsync(SecCommsApp app, string id, params TestUser[] people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = app.Database.CreateContext();
        var communication = await db.Communications.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(id));
        return await scope.ServiceProvider.GetRequiredService<CommunicationService>()
            .ReadersAmongAsync(communication, people.Select(p => p.Id), CancellationToken.None);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.Id())];
}
