using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Releases;

internal static class ReleaseApi
{
    public const string Critical31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    public const string Medium31 = "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N";
    public const string Critical40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    public static object Rce(string cve = "CVE-2026-10001") => new
    {
        title = "Remote code execution through project imports",
        description = "An attacker who can import a project could run commands on the server.",
        product = "Acme Platform",
        cweId = "CWE-94",
        cveId = cve,
        cvss31Vector = Critical31,
        cvss40Vector = Critical40,
        affected = new[] { new { introduced = "16.0", @fixed = "18.2.9" }, new { introduced = "18.3.0", @fixed = "18.3.5" }, new { introduced = "18.4.0", @fixed = "18.4.2" } },
        credits = new[] { new { name = "yvvdwf", kind = "hacker-one" } },
        source = "hacker-one",
        externalReference = "https://hackerone.com/reports/1234567",
    };

    public static object Xss(string cve = "CVE-2026-10002") => new
    {
        title = "Stored XSS in merge request titles",
        description = "A crafted title runs script in the browser of anyone who views the merge request.",
        product = "Acme Platform",
        cweId = "CWE-79",
        cveId = cve,
        cvss31Vector = Medium31,
        affected = new[] { new { introduced = "18.3.0", @fixed = "18.3.5" }, new { introduced = "18.4.0", @fixed = "18.4.2" } },
        credits = new[] { new { name = "Platform Security Team", kind = "internal" } },
        source = "internal",
    };

    public static async Task<JsonElement> CreateVulnerabilityAsync(HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/vulnerabilities", body)).JsonAsync(HttpStatusCode.Created);

    public static async Task<string> FixedVulnerabilityAsync(HttpClient client, object body)
    {
        var id = (await CreateVulnerabilityAsync(client, body)).Id();
        await (await client.PostAsJsonAsync($"/api/v1/vulnerabilities/{id}/status", new { status = "fixed" })).JsonAsync();
        return id;
    }

    public static async Task<string> PlanAsync(HttpClient client, string kind = "planned", string[]? versions = null) =>
        (await (await client.PostAsJsonAsync("/api/v1/releases", new
        {
            kind,
            product = "Acme Platform",
            versions = versions ?? ["18.4.2", "18.3.5", "18.2.9"],
            plannedFor = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero),
        })).JsonAsync(HttpStatusCode.Created)).Id();

    public static Task<HttpResponseMessage> BundleAsync(HttpClient client, string release, params string[] vulnerabilities) =>
        client.PutAsJsonAsync($"/api/v1/releases/{release}/vulnerabilities", new { vulnerabilityIds = vulnerabilities });

    public static Task<HttpResponseMessage> PrepareAsync(HttpClient client, string release) =>
        client.PostAsync($"/api/v1/releases/{release}/prepare", null);

    /// <summary>
    /// Unless its customer email has an audience, records (as a publisher) that it goes to no one, which a release whose
    /// email is not what a test is about needs before it ships.
    /// </summary>
    public static async Task AddressNoOneAsync(HttpClient publisher, JsonElement details)
    {
        var path = $"/api/v1/communications/{details.Part("customer-email").Id()}/audience";
        var audience = await (await publisher.GetAsync(path)).JsonAsync();
        if (audience.GetProperty("preview").ValueKind == JsonValueKind.Null && audience.GetProperty("noRecipientsReason").ValueKind == JsonValueKind.Null)
        {
            await (await publisher.PutAsJsonAsync(path, new { noRecipientsReason = "Account managers forward it to their customers." })).JsonAsync();
        }
    }

    public static async Task<JsonElement> DetailsAsync(HttpClient client, string release) =>
        await (await client.GetAsync($"/api/v1/releases/{release}")).JsonAsync();

    /// <summary>A prepared release with the two vulnerabilities above; returns the release and its details.</summary>
    public static async Task<(string Release, JsonElement Details)> PreparedAsync(HttpClient client, string kind = "planned")
    {
        var rce = await FixedVulnerabilityAsync(client, Rce());
        var xss = await FixedVulnerabilityAsync(client, Xss());
        var release = await PlanAsync(client, kind);
        await (await BundleAsync(client, release, rce, xss)).JsonAsync();
        return (release, await (await PrepareAsync(client, release)).JsonAsync());
    }

    /// <summary>Approves every communication of a prepared release, publishes the release, then each communication.</summary>
    public static async Task PublishAllAsync(TestUser author, TestUser approver, string release, JsonElement details)
    {
        var ids = details.GetProperty("communications").EnumerateArray().Select(c => c.Id()).ToList();
        await AddressNoOneAsync(approver.Client, details);
        foreach (var id in ids)
        {
            var current = await (await author.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            await (await Workflow.WorkflowApi.AnswerSafeAndSubmitAsync(author.Client, id)).JsonAsync();
            await (await Workflow.WorkflowApi.DecideAsync(approver.Client, id, "approve", Workflow.WorkflowApi.Hash(current))).JsonAsync(HttpStatusCode.Created);
        }
        await Disclosure.DisclosureApi.PublishReleaseAsync(author.Client, release);
        foreach (var id in ids)
        {
            await (await Workflow.WorkflowApi.PublishAsync(approver.Client, id)).JsonAsync();
        }
    }

    public static JsonElement Part(this JsonElement details, string part) =>
        details.GetProperty("communications").EnumerateArray().First(c => c.GetProperty("part").GetString() == part);

    public static IEnumerable<JsonElement> Parts(this JsonElement details, string part) =>
        details.GetProperty("communications").EnumerateArray().Where(c => c.GetProperty("part").GetString() == part);
}
