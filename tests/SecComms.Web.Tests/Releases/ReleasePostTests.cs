using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Testing.Advisories;
using SecComms.Web.Tests.Advisories;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Releases;

/// <summary>The public post and advisories of a release whose vulnerabilities do not all look like the release.</summary>
public sealed partial class ReleasePostTests
{
    private const string Cpe = "cpe:2.3:a:gitlab:gitlab:*:*:*:*:*:*:*:*";
    private const string Purl = "pkg:gem/gitlab";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Advisories:Publisher:Name"] = "GitLab",
        ["Advisories:Publisher:CveOrgId"] = "b3476cb9-2e3d-41a6-98d0-0f47421a65b6",
        ["SecComms:BaseUrl"] = "https://security.example.com/",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_post_names_editions_components_earlier_fixes_and_anonymous_credits_and_its_advisories_pass_the_csaf_optional_tests(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, Settings);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var enterprise = await ReleaseApi.FixedVulnerabilityAsync(alice.Client, Vulnerability("Stored XSS in the merge request widget", "CVE-2026-20001",
            [("15.0", "15.4.6"), ("15.5", "15.5.5"), ("15.6", "15.6.1")], new { name = "joaxcar", kind = "hacker-one" }, cwe: "CWE-79", edition: "EE"));
        var earlier = await ReleaseApi.FixedVulnerabilityAsync(alice.Client, Vulnerability("Denial of service through crafted Markdown", "CVE-2026-20002",
            [("15.4", "15.4.5"), ("15.5", "15.5.4")], new { name = (string?)null, kind = "anonymous-customer" }));
        var unbounded = await ReleaseApi.FixedVulnerabilityAsync(alice.Client, Vulnerability("Path traversal in project exports", "CVE-2026-20003",
            [("0", "15.4.6"), ("15.5", "15.5.5"), ("15.6", "15.6.1")], new { name = "a team member", kind = "internal" }, cwe: "CWE-22"));
        var scanner = await ReleaseApi.FixedVulnerabilityAsync(alice.Client, Vulnerability("Tokens written to dependency scanning logs", "CVE-2026-20004",
            [("4.0", "4.2.1")], new { name = "Security Research team", kind = "internal" }, product: "GitLab Dependency Scanner",
            cpe: "cpe:2.3:a:gitlab:dependency_scanner:*:*:*:*:*:*:*:*", purl: "pkg:golang/gitlab.com/gitlab-org/security-products/gemnasium"));
        var release = (await (await alice.Client.PostAsJsonAsync("/api/v1/releases", new
        {
            kind = "planned",
            product = "GitLab",
            versions = new[] { "15.6.1", "15.5.5", "15.4.6" },
            plannedFor = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero),
        })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await ReleaseApi.BundleAsync(alice.Client, release, enterprise, earlier, unbounded, scanner)).JsonAsync();

        var details = await (await ReleaseApi.PrepareAsync(alice.Client, release)).JsonAsync();
        Assert.Empty(details.GetProperty("inconsistencies").EnumerateArray());
        await ReleaseApi.PublishAllAsync(alice, sam, release, details);

        using var anonymous = app.CreateClient();
        var blog = details.Part("blog-post").GetProperty("reference").GetString()!;
        var html = await PublicSiteApi.TextAsync(anonymous, $"/advisories/{blog}");
        var post = Regex.Replace(html, "<[^>]+>", "");
        Assert.Contains("GitLab Security Release: 15.6.1, 15.5.5, and 15.4.6", post, StringComparison.Ordinal);
        Assert.Contains("Today we are releasing versions 15.6.1, 15.5.5, and 15.4.6 of GitLab.", post, StringComparison.Ordinal);
        Assert.Contains("This issue affects GitLab EE, all versions from 15.0 before 15.4.6, from 15.5 before 15.5.5, and from 15.6 before 15.6.1. "
            + "It is fixed in 15.4.6, 15.5.5, and 15.6.1.", post, StringComparison.Ordinal);
        Assert.Contains("This issue affects all versions from 15.4 before 15.4.5 and from 15.5 before 15.5.4. "
            + "It was fixed in 15.4.5 and 15.5.4, before this release, and is disclosed now.", post, StringComparison.Ordinal);
        Assert.Contains("This issue affects all versions before 15.4.6, from 15.5 before 15.5.5, and from 15.6 before 15.6.1. "
            + "It is fixed in 15.4.6, 15.5.5, and 15.6.1.", post, StringComparison.Ordinal);
        Assert.Contains("This issue affects GitLab Dependency Scanner, all versions from 4.0 before 4.2.1. "
            + "It is fixed in GitLab Dependency Scanner 4.2.1.", post, StringComparison.Ordinal);
        Assert.Contains("Thanks to joaxcar through our HackerOne bug bounty program for reporting this vulnerability.", post, StringComparison.Ordinal);
        Assert.Contains("Thanks to an anonymous customer for reporting this vulnerability.", post, StringComparison.Ordinal);
        Assert.Contains("Thanks to a team member at GitLab for reporting this vulnerability.", post, StringComparison.Ordinal);
        Assert.DoesNotContain("from 0 ", post, StringComparison.Ordinal);
        Assert.DoesNotContain("our company", post, StringComparison.Ordinal);
        var links = AnchorLinks().Matches(html).Select(m => m.Groups[1].Value).Where(a => a != "main").ToList();
        Assert.Equal(4, links.Count);
        Assert.All(links, anchor => Assert.Contains($" id=\"{anchor}\"", html, StringComparison.Ordinal));

        var advisories = details.Parts("advisory").ToList();
        var withoutCwe = advisories.Single(a => a.GetProperty("title").GetString()!.StartsWith("CVE-2026-20002", StringComparison.Ordinal));
        var body = (await (await alice.Client.GetAsync($"/api/v1/communications/{withoutCwe.Id()}")).JsonAsync()).Content().GetProperty("body").GetString()!;
        Assert.DoesNotContain("Weakness", body, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?m)^- [A-Za-z ]+:[ ]*$", body);
        Assert.Contains("Thanks to an anonymous customer for reporting this vulnerability.", body, StringComparison.Ordinal);

        foreach (var advisory in advisories)
        {
            var reference = advisory.GetProperty("reference").GetString()!;
            var csaf = await JsonAsync(anonymous, $"/advisories/{reference}/csaf.json");
            Assert.Empty(await ExportValidators.CsafProblems(csaf));
            Assert.Empty(await ExportValidators.CsafWarnings(csaf));
            var osv = await JsonAsync(anonymous, $"/advisories/{reference}/osv.json");
            Assert.Empty(ExportValidators.OsvProblems(osv));
            Assert.All(osv["affected"]![0]!["ranges"]!.AsArray(), r => Assert.Equal("SEMVER", (string?)r!["type"]));
            Assert.NotNull(osv["affected"]![0]!["package"]);
            var cve = await JsonAsync(anonymous, $"/advisories/{reference}/cve.json");
            Assert.Empty(ExportValidators.CveProblems(cve));
            Assert.All(cve["containers"]!["cna"]!["affected"]![0]!["versions"]!.AsArray(), v => Assert.Equal("semver", (string?)v!["versionType"]));
        }
        var enterpriseCsaf = await JsonAsync(anonymous, $"/advisories/{advisories.Single(a => a.GetProperty("title").GetString()!.StartsWith("CVE-2026-20001",
            StringComparison.Ordinal)).GetProperty("reference").GetString()}/csaf.json");
        var product = enterpriseCsaf["product_tree"]!["branches"]![0]!["branches"]![0]!;
        Assert.Equal("GitLab EE", (string?)product["name"]);
        Assert.Equal("vers:semver/>=15.0.0|<15.4.6", (string?)product["branches"]![0]!["name"]);
        Assert.Equal("GitLab EE 15.4.6", (string?)product["branches"]!.AsArray().Single(b => (string?)b!["name"] == "15.4.6")!["product"]!["name"]);
    }

    private static object Vulnerability(string title, string cve, (string Introduced, string Fixed)[] affected, object credit, string? cwe = null,
        string? edition = null, string product = "GitLab", string cpe = Cpe, string purl = Purl) => new
        {
            title,
            description = $"{title}: an attacker could abuse it.",
            product,
            edition,
            cpe,
            purl,
            cweId = cwe,
            cveId = cve,
            cvss31Vector = ReleaseApi.Medium31,
            affected = affected.Select(r => new { introduced = r.Introduced, @fixed = r.Fixed }),
            credits = new[] { credit },
            source = "customer",
        };

    private static async Task<JsonObject> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex AnchorLinks();
}
