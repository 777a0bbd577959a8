using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SecComms.Testing;
using SecComms.Testing.Advisories;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Releases;

public sealed class AdvisoryExportTests
{
    private static readonly Dictionary<string, string?> Publisher = new()
    {
        ["Advisories:Publisher:CveOrgId"] = "b3476cb9-2e3d-41a6-98d0-0f47421a65b6",
        ["SecComms:BaseUrl"] = "https://security.example.com/",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Advisories_are_drafts_through_the_api_and_valid_csaf_osv_and_cve_once_published(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, Publisher);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        var advisory = details.Parts("advisory").First(a => a.GetProperty("title").GetString()!.StartsWith("CVE-2026-10001", StringComparison.Ordinal));
        var reference = advisory.GetProperty("reference").GetString()!;
        using var anonymous = app.CreateClient();

        var draft = await JsonAsync(alice.Client, $"/api/v1/communications/{advisory.Id()}/exports/csaf");
        Assert.Equal("draft", draft["document"]!["tracking"]!["status"]!.GetValue<string>());
        Assert.Empty(await ExportValidators.CsafProblems(draft));
        await (await anonymous.GetAsync($"/advisories/{reference}/csaf.json")).AssertProblemAsync(HttpStatusCode.NotFound);
        var notAdvisory = await (await alice.Client.GetAsync($"/api/v1/communications/{details.Part("blog-post").Id()}/exports/osv"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("is not an advisory", notAdvisory.Detail(), StringComparison.Ordinal);
        var unknown = await (await alice.Client.GetAsync($"/api/v1/communications/{advisory.Id()}/exports/pdf")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Unknown format 'pdf'", unknown.Detail(), StringComparison.Ordinal);

        await ReleaseApi.PublishAllAsync(alice, sam, release, details);

        var csaf = await JsonAsync(anonymous, $"/advisories/{reference}/csaf.json");
        Assert.Empty(await ExportValidators.CsafProblems(csaf));
        Assert.Equal(reference, csaf["document"]!["tracking"]!["id"]!.GetValue<string>());
        Assert.Equal("final", csaf["document"]!["tracking"]!["status"]!.GetValue<string>());
        Assert.Equal("WHITE", csaf["document"]!["distribution"]!["tlp"]!["label"]!.GetValue<string>());
        Assert.Equal("CVE-2026-10001", csaf["vulnerabilities"]![0]!["cve"]!.GetValue<string>());
        Assert.Equal(9.8, csaf["vulnerabilities"]![0]!["scores"]![0]!["cvss_v3"]!["baseScore"]!.GetValue<double>());

        var osv = await JsonAsync(anonymous, $"/advisories/{reference}/osv.json");
        Assert.Empty(ExportValidators.OsvProblems(osv));
        Assert.Contains("CVE-2026-10001", osv["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains(osv["severity"]!.AsArray(), s => s!["score"]!.GetValue<string>() == ReleaseApi.Critical40);

        var cve = await JsonAsync(anonymous, $"/advisories/{reference}/cve.json");
        Assert.Empty(ExportValidators.CveProblems(cve));
        Assert.Equal("CVE-2026-10001", cve["cveMetadata"]!["cveId"]!.GetValue<string>());
        Assert.Contains($"https://security.example.com/advisories/{reference}",
            cve["containers"]!["cna"]!["references"]!.AsArray().Select(r => r!["url"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_csaf_provider_lists_every_published_advisory_with_its_hashes(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, Publisher);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        using var anonymous = app.CreateClient();
        var empty = await JsonAsync(anonymous, "/.well-known/csaf/white/feed-tlp-white.json");
        Assert.Empty(empty["feed"]!["entry"]!.AsArray());

        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        await ReleaseApi.PublishAllAsync(alice, sam, release, details);
        var references = details.Parts("advisory").Select(a => a.GetProperty("reference").GetString()!).ToList();

        var metadata = await JsonAsync(anonymous, "/.well-known/csaf/provider-metadata.json");
        Assert.Equal("https://security.example.com/.well-known/csaf/provider-metadata.json", metadata["canonical_url"]!.GetValue<string>());
        Assert.Equal("2.0", metadata["metadata_version"]!.GetValue<string>());
        Assert.Equal("csaf_provider", metadata["role"]!.GetValue<string>());
        Assert.Equal("https://security.example.com/.well-known/csaf/white/", metadata["distributions"]![0]!["directory_url"]!.GetValue<string>());
        var feedUrl = new Uri(metadata["distributions"]![0]!["rolie"]!["feeds"]![0]!["url"]!.GetValue<string>());

        var feed = await JsonAsync(anonymous, feedUrl.PathAndQuery);
        var entries = feed["feed"]!["entry"]!.AsArray();
        Assert.Equal(references.Order(), entries.Select(e => e!["id"]!.GetValue<string>()).Order());
        var index = (await PublicTextAsync(anonymous, "/.well-known/csaf/white/index.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(references.Select(r => $"2026/{r.ToLowerInvariant()}.json").Order(), index.Order());
        var changes = await PublicTextAsync(anonymous, "/.well-known/csaf/white/changes.csv");
        Assert.Contains($"\"2026/{references[0].ToLowerInvariant()}.json\",\"2026-11-02T09:00:00Z\"", changes, StringComparison.Ordinal);

        foreach (var line in index)
        {
            var bytes = await (await anonymous.GetAsync($"/.well-known/csaf/white/{line}")).Content.ReadAsByteArrayAsync();
            Assert.Empty(await ExportValidators.CsafProblems(JsonNode.Parse(bytes)!.AsObject()));
            var sha256 = await PublicTextAsync(anonymous, $"/.well-known/csaf/white/{line}.sha256");
            Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {line[5..]}\n", sha256);
            var sha512 = await PublicTextAsync(anonymous, $"/.well-known/csaf/white/{line}.sha512");
            Assert.StartsWith(Convert.ToHexStringLower(SHA512.HashData(bytes)), sha512, StringComparison.Ordinal);
        }
        await (await anonymous.GetAsync($"/.well-known/csaf/white/2025/{index[0][5..]}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/.well-known/csaf/white/2026/{index[0][5..].ToUpperInvariant()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var blog = details.Part("blog-post").GetProperty("reference").GetString()!.ToLowerInvariant();
        await (await anonymous.GetAsync($"/.well-known/csaf/white/2026/{blog}.json")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<JsonObject> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<string> PublicTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }
}
